/* cmd_dental.c - yibao dental: whether dental treatment is reimbursed (牙科报销). */
#include "cli.h"

const cli_text cmd_dental_help = {
	.zh = "用法：yibao dental --item 项目 [--city 城市] [--type 参保类型]\n"
	      "                   [--cost 元 --level 1|2|3 [--retired]] [选项]\n"
	      "       yibao dental --list\n"
	      "\n"
	      "牙科项目能不能用医保报销：结论（能、不能、视地区而定）和条件（定点机构、起付标准、\n"
	      "报销比例、自费材料）；知道当地比例的，按 --cost 估算报销额并列出算式。\n"
	      "\n"
	      "  --item 项目     项目编号或中文名，如 root-canal 或 根管治疗。全部项目：--list\n"
	      "  --city 城市     参保地：拼音、中文名或行政区划代码\n"
	      "  --type 类型     employee 职工医保 | resident 城乡居民医保 | flexible 灵活就业人员参保\n"
	      "  --cost 元       本次费用（元），用于估算\n"
	      "  --level 级别    医疗机构级别：1 一级及基层 | 2 二级 | 3 三级\n"
	      "  --retired       退休人员\n"
	      "  --list          列出全部项目：编号、名称和别名\n"
	      CLI_DATE_HELP
	      CLI_COMMON_HELP
	      "\n"
	      "例：yibao dental --item root-canal\n"
	      "    yibao dental --item root-canal --city qingdao --type employee --level 2 --cost 1500\n",
	.en = "Usage: yibao dental --item ITEM [--city CITY] [--type TYPE]\n"
	      "                    [--cost YUAN --level 1|2|3 [--retired]] [options]\n"
	      "       yibao dental --list\n"
	      "\n"
	      "Whether medical insurance pays for a dental treatment: the conclusion (yes, no, it depends on\n"
	      "the place) and the conditions (designated hospital or clinic, deductible, share reimbursed,\n"
	      "materials you pay for yourself); where the local share is known, an estimate of the amount\n"
	      "reimbursed for --cost, with the calculation.\n"
	      "\n"
	      "  --item ITEM     the treatment's id or Chinese name, such as root-canal or 根管治疗. Every\n"
	      "                  treatment: --list\n"
	      "  --city CITY     the place where you are insured: pinyin, Chinese name or administrative\n"
	      "                  division code\n"
	      "  --type TYPE     employee (employee medical insurance) | resident (urban and rural\n"
	      "                  resident medical insurance) | flexible (insured as a flexibly employed\n"
	      "                  person)\n"
	      "  --cost YUAN     the cost this time (yuan), for the estimate\n"
	      "  --level LEVEL   the level of the hospital: 1 (first level and primary care) | 2 (second\n"
	      "                  level) | 3 (third level)\n"
	      "  --retired       a retired person\n"
	      "  --list          list every treatment: id, name and other names\n"
	      CLI_DATE_HELP_EN
	      CLI_COMMON_HELP_EN
	      "\n"
	      "Examples: yibao dental --item root-canal\n"
	      "          yibao dental --item root-canal --city qingdao --type employee --level 2 --cost 1500\n",
};

int cmd_dental(int argc, char **argv)
{
	static const cli_procedure proc = {"dental", &cmd_dental_help, NULL};
	return cli_run_procedure(argc, argv, &proc);
}
