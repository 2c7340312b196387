/* cmd_waiting.c - yibao waiting: when benefits start after a gap in cover (待遇等待期). */
#include "cli.h"

const cli_text cmd_waiting_help = {
	.zh = "用法：yibao waiting [--type 参保类型] [--gap-months N | --gap-years N]\n"
	      "                    [--back-paid-years N] [--newborn] [--date 日期] [选项]\n"
	      "\n"
	      "断保后重新参保，什么时候开始享受医保待遇：列出适用的规定、计算过程和待遇起始日。\n"
	      "职工医保按2021年转移接续办法（中断不超过3个月可补缴追溯，超过的参保地可设最长6个月\n"
	      "等待期）；居民医保按国办发〔2024〕38号（2025年起：固定3个月，断保每多1年加1个月，\n"
	      "每补缴1年减1个月，断保4年及以上不少于6个月；新生儿不设等待期）。\n"
	      "\n"
	      "  --type 类型     employee 职工医保 | resident 城乡居民医保 | flexible 灵活就业人员参保\n"
	      "                  （不给时两种规则都列出）\n"
	      "  --gap-months N  中断的月数\n"
	      "  --gap-years N   断保的年数，1 年即 12 个月；两个都给时要一致（如 --gap-months 24\n"
	      "                  --gap-years 2），不一致时报错。都不给时只列出规则\n"
	      "  --back-paid-years N\n"
	      "                  居民医保：按当年个人缴费标准补缴的年数\n"
	      "  --newborn       新生儿参保\n"
	      "  --city 城市     参保地（省、市的细则收录后按当地规定作答）\n"
	      "  --date 日期     重新参保缴费的日期 YYYY-MM-DD（默认：今天，北京时间）\n"
	      CLI_COMMON_HELP
	      "\n"
	      "例：yibao waiting --type resident --gap-years 2 --date 2026-03-01\n"
	      "    yibao waiting --type employee --gap-months 2\n",
	.en = "Usage: yibao waiting [--type TYPE] [--gap-months N | --gap-years N]\n"
	      "                     [--back-paid-years N] [--newborn] [--date DATE] [options]\n"
	      "\n"
	      "When you enrol again after a gap in cover, from when medical-insurance benefits start: the\n"
	      "rules that apply, the calculation and the day benefits start.\n"
	      "Employee medical insurance follows the 2021 transfer measures (a gap of no more than 3 months\n"
	      "can be paid back with effect from its start; for a longer one, the place where you are\n"
	      "insured may set a waiting period of up to 6 months); resident medical insurance follows\n"
	      "the State Council General Office's document 国办发〔2024〕38号 (from 2025: a fixed 3\n"
	      "months, 1 month more for each further year of gap, 1 month less for each year paid back,\n"
	      "and no less than 6 months after a gap of 4 years or more; no waiting period for\n"
	      "newborns).\n"
	      "\n"
	      "  --type TYPE     employee (employee medical insurance) | resident (urban and rural\n"
	      "                  resident medical insurance) | flexible (insured as a flexibly employed\n"
	      "                  person)\n"
	      "                  (without it, both rules are listed)\n"
	      "  --gap-months N  how many months the gap lasted\n"
	      "  --gap-years N   how many years the gap lasted, 1 year being 12 months; when both are\n"
	      "                  given they must agree (such as --gap-months 24 --gap-years 2), or it is an\n"
	      "                  error. With neither, only the rules are listed\n"
	      "  --back-paid-years N\n"
	      "                  resident medical insurance: how many years you paid back at that year's\n"
	      "                  rate for individuals\n"
	      "  --newborn       enrolling a newborn\n"
	      "  --city CITY     the place where you are insured (once its province's or city's detailed\n"
	      "                  rules are collected, the answer follows them)\n"
	      "  --date DATE     the day you enrol and pay again, YYYY-MM-DD (default: today, Beijing time)\n"
	      CLI_COMMON_HELP_EN
	      "\n"
	      "Examples: yibao waiting --type resident --gap-years 2 --date 2026-03-01\n"
	      "          yibao waiting --type employee --gap-months 2\n",
};

int cmd_waiting(int argc, char **argv)
{
	static const cli_procedure proc = {"waiting", &cmd_waiting_help, NULL};
	return cli_run_procedure(argc, argv, &proc);
}
