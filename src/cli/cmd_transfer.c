/* cmd_transfer.c - yibao transfer: moving the medical-insurance relationship (转移接续). */
#include "cli.h"

const cli_text cmd_transfer_help = {
	.zh = "用法：yibao transfer --from 城市 --to 城市 [--type 参保类型 [--to-type 参保类型]] [选项]\n"
	      "\n"
	      "医保关系转移接续：从转出地（--from）到转入地（--to）的办理步骤、材料、时限和依据。\n"
	      "同城、省内跨市、跨省分别作答；省、市有自己规定的，注明由哪一级规定。\n"
	      "\n"
	      "  --from 城市     转出地：拼音（changde）、中文名（常德、常德市）或行政区划代码（430700）\n"
	      "  --to 城市       转入地，写法同上\n"
	      "  --type 类型     employee 职工医保 | resident 城乡居民医保 | flexible 灵活就业人员参保\n"
	      "                  （也接受 职工、居民、新农合、城镇居民 等名称）；不填则分情况作答；\n"
	      "                  两地不同时，这是转出地的参保类型（也可写作 --from-type）\n"
	      "  --to-type 类型  在转入地参加的参保类型，与 --type 不同时才写（跨制度转移接续，\n"
	      "                  如职工医保转居民医保）；不写则与 --type 相同\n"
	      CLI_DATE_HELP
	      CLI_COMMON_HELP
	      "\n"
	      "例：yibao transfer --from changde --to changsha\n"
	      "    yibao transfer --from 厦门 --to 430100 --type employee --format json\n"
	      "    yibao transfer --from kunming --to hangzhou --type employee --to-type resident\n",
	.en = "Usage: yibao transfer --from CITY --to CITY [--type TYPE [--to-type TYPE]] [options]\n"
	      "\n"
	      "Transfer of your medical insurance (转移接续): the steps, materials, time limits and sources\n"
	      "for moving it from the old place (--from) to the new place (--to). Moves within one city,\n"
	      "between cities of one province and between provinces are answered each their own way; where a\n"
	      "province or city has rules of its own, the answer says which level they come from.\n"
	      "\n"
	      "  --from CITY     the old place (transfer-out area): pinyin (changde), Chinese name (常德,\n"
	      "                  常德市) or administrative division code (430700)\n"
	      "  --to CITY       the new place (transfer-in area), written the same way\n"
	      "  --type TYPE     employee (employee medical insurance) | resident (urban and rural\n"
	      "                  resident medical insurance) | flexible (insured as a flexibly employed\n"
	      "                  person); names such as 职工, 居民, 新农合, 城镇居民 are accepted too;\n"
	      "                  without it, each case is answered; where the two places differ, this is\n"
	      "                  the type at the old place (also written --from-type)\n"
	      "  --to-type TYPE  the type you join at the new place, only when it differs from --type (a\n"
	      "                  transfer from one scheme to another, such as from employee to resident\n"
	      "                  medical insurance); without it, the same as --type\n"
	      CLI_DATE_HELP_EN
	      CLI_COMMON_HELP_EN
	      "\n"
	      "Examples: yibao transfer --from changde --to changsha\n"
	      "          yibao transfer --from 厦门 --to 430100 --type employee --format json\n"
	      "          yibao transfer --from kunming --to hangzhou --type employee --to-type resident\n",
};

int cmd_transfer(int argc, char **argv)
{
	/* --type is the scheme at the place left, which the help also calls --from-type. */
	static const char *const synonyms[][2] = {{"--from-type", "--type"}, {NULL, NULL}};
	static const cli_procedure proc = {"transfer", &cmd_transfer_help, synonyms};
	return cli_run_procedure(argc, argv, &proc);
}
