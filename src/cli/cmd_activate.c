/* cmd_activate.c - yibao activate: activating the medical-insurance card (医保卡激活). */
#include "cli.h"

const cli_text cmd_activate_help = {
	.zh = "用法：yibao activate --city 城市 [--holder 办理人] [--remote] [选项]\n"
	      "\n"
	      "医保卡激活：金融账户（发卡银行）和医保账户（定点医药机构、经办窗口、网上、电话）\n"
	      "怎么激活，要带什么，代办和为未成年人办理要什么，激活后怎么用。\n"
	      "\n"
	      "  --city 城市     参保地（发卡地）：拼音、中文名或行政区划代码\n"
	      "  --holder 办理人 self 本人（默认） | proxy 他人代办 | minor 为新生儿或未成年人办理\n"
	      "  --remote        人不在参保地（例如要在外地就医）\n"
	      CLI_DATE_HELP
	      CLI_COMMON_HELP
	      "\n"
	      "例：yibao activate --city shantou --holder minor\n",
	.en = "Usage: yibao activate --city CITY [--holder WHO] [--remote] [options]\n"
	      "\n"
	      "Activating the medical-insurance card (医保卡激活): how to activate its bank account (at the\n"
	      "bank that issued the card) and its medical-insurance account (at a designated hospital,\n"
	      "clinic or pharmacy, at an office counter, online, by phone), what to bring, what is needed\n"
	      "when someone else does it for you or it is done for a minor, and how to use the card once\n"
	      "it is active.\n"
	      "\n"
	      "  --city CITY     the place where you are insured (where the card was issued): pinyin,\n"
	      "                  Chinese name or administrative division code\n"
	      "  --holder WHO    self (yourself, the default) | proxy (someone else for you) | minor (for a\n"
	      "                  newborn or a minor)\n"
	      "  --remote        you are not at the place where you are insured (for example, you need\n"
	      "                  treatment elsewhere)\n"
	      CLI_DATE_HELP_EN
	      CLI_COMMON_HELP_EN
	      "\n"
	      "Example: yibao activate --city shantou --holder minor\n",
};

int cmd_activate(int argc, char **argv)
{
	static const cli_procedure proc = {"activate", &cmd_activate_help, NULL};
	return cli_run_procedure(argc, argv, &proc);
}
