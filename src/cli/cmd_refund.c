/* cmd_refund.c - yibao refund: refunds of duplicate or mistaken contributions (重复缴费退费). */
#include "cli.h"

const cli_text cmd_refund_help = {
	.zh = "用法：yibao refund --case 情形 [--city 城市] [--type 参保类型] [--timing 时点] [选项]\n"
	      "       yibao refund --list\n"
	      "\n"
	      "医保重复缴费、多缴、误缴能不能退：结论（可退、不可退、部分可退、视情况），理由和条件，\n"
	      "退多少，什么时候申请，带什么材料，去哪里办，钱退到哪里。\n"
	      "\n"
	      "  --case 情形     情形编号，如 retired-overpay；也可写中文说明。全部情形：--list\n"
	      "  --city 城市     参保地（目前没有收录地方规定，只在答案中注明；各地做法见答案中的提醒）\n"
	      "  --type 类型     employee 职工医保 | resident 城乡居民医保 | flexible 灵活就业人员参保\n"
	      "  --timing 时点   before 待遇享受期开始前 | after 待遇享受期开始后\n"
	      "  --list          列出全部情形：编号、说明和别名\n"
	      CLI_DATE_HELP
	      CLI_COMMON_HELP
	      "\n"
	      "例：yibao refund --case retired-overpay\n"
	      "    yibao refund --list\n",
	.en = "Usage: yibao refund --case CASE [--city CITY] [--type TYPE] [--timing WHEN] [options]\n"
	      "       yibao refund --list\n"
	      "\n"
	      "Whether medical-insurance contributions paid twice, paid too much or paid by mistake are\n"
	      "refunded: the conclusion (refundable, not refundable, partly refundable, it depends), the\n"
	      "reasons and conditions, how much, when to apply, which materials to bring, where to apply,\n"
	      "and where the money goes.\n"
	      "\n"
	      "  --case CASE     the case's id, such as retired-overpay; a description in Chinese works\n"
	      "                  too. Every case: --list\n"
	      "  --city CITY     the place where you are insured (no local rules are collected yet: it is\n"
	      "                  only noted in the answer; for what each place does, see the answer's notes)\n"
	      "  --type TYPE     employee (employee medical insurance) | resident (urban and rural\n"
	      "                  resident medical insurance) | flexible (insured as a flexibly employed\n"
	      "                  person)\n"
	      "  --timing WHEN   before (before the benefit period starts) | after (after it has started)\n"
	      "  --list          list every case: id, description and other names\n"
	      CLI_DATE_HELP_EN
	      CLI_COMMON_HELP_EN
	      "\n"
	      "Examples: yibao refund --case retired-overpay\n"
	      "          yibao refund --list\n",
};

int cmd_refund(int argc, char **argv)
{
	static const cli_procedure proc = {"refund", &cmd_refund_help, NULL};
	return cli_run_procedure(argc, argv, &proc);
}
