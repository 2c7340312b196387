/* cmd_region_change.c - yibao region-change: changing where one is insured (参保地变更). */
#include "cli.h"

const cli_text cmd_region_change_help = {
	.zh = "用法：yibao region-change --from 城市 --to 城市 [--type 参保类型] [--reason 原因] [选项]\n"
	      "\n"
	      "参保地变更：从原参保地（--from）改到新参保地（--to），线上、线下怎么办，带什么材料，\n"
	      "多久办好，以及断缴、个人账户、缴费年限和重复参保怎么处理。\n"
	      "\n"
	      "  --from 城市     原参保地：拼音、中文名或行政区划代码\n"
	      "  --to 城市       新参保地，写法同上\n"
	      "  --type 类型     employee 职工医保 | resident 城乡居民医保 | flexible 灵活就业人员参保\n"
	      "  --reason 原因   work 工作变动 | move 迁居（常住地变更） | hukou 户籍迁移\n"
	      CLI_DATE_HELP
	      CLI_COMMON_HELP
	      "\n"
	      "例：yibao region-change --from shantou --to guangzhou --reason work\n",
	.en = "Usage: yibao region-change --from CITY --to CITY [--type TYPE] [--reason WHY] [options]\n"
	      "\n"
	      "Changing the place where you are insured (参保地变更) from the old one (--from) to the new one\n"
	      "(--to): how to do it online and in person, which materials to bring, how long it takes, and\n"
	      "what happens to gaps in payment, the personal account, contribution years and being insured\n"
	      "in two places.\n"
	      "\n"
	      "  --from CITY     the old place where you are insured: pinyin, Chinese name or\n"
	      "                  administrative division code\n"
	      "  --to CITY       the new place where you are insured, written the same way\n"
	      "  --type TYPE     employee (employee medical insurance) | resident (urban and rural\n"
	      "                  resident medical insurance) | flexible (insured as a flexibly employed\n"
	      "                  person)\n"
	      "  --reason WHY    work (a change of job) | move (a change of usual residence) | hukou (a\n"
	      "                  move of household registration)\n"
	      CLI_DATE_HELP_EN
	      CLI_COMMON_HELP_EN
	      "\n"
	      "Example: yibao region-change --from shantou --to guangzhou --reason work\n",
};

int cmd_region_change(int argc, char **argv)
{
	static const cli_procedure proc = {"region-change", &cmd_region_change_help, NULL};
	return cli_run_procedure(argc, argv, &proc);
}
