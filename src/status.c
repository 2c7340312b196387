/*
 * status.c - the one table of statuses: each one's name, the code a batch error object gives
 * it, and the exit code of the command; and what each exit code means. README's table of exit
 * codes is checked against it (tests/unit/test_status.c), and `yibao --help` prints it.
 */
#include "status.h"

#include <stdbool.h>
#include <stddef.h>

static const struct {
	const char *name; /* yb_status_name() */
	const char *code; /* yb_status_code() */
	int exit;         /* yb_exit_code() */
} statuses[] = {
	[YB_OK] = {"ok", "ok", YB_EXIT_OK},
	[YB_EUSAGE] = {"usage error", "usage", YB_EXIT_USAGE},
	[YB_ENOTFOUND] = {"not found", "not-found", YB_EXIT_USAGE},
	[YB_EAMBIGUOUS] = {"ambiguous", "ambiguous", YB_EXIT_USAGE},
	[YB_ECORPUS] = {"corpus error", "corpus", YB_EXIT_CORPUS},
	[YB_ENOMEM] = {"out of memory", "out-of-memory", YB_EXIT_SYSTEM},
	[YB_EIO] = {"input/output error", "io", YB_EXIT_SYSTEM},
	[YB_ENETWORK] = {"network error", "network", YB_EXIT_NETWORK},
	[YB_EINPUT] = {"input could not be read", "input", YB_EXIT_INPUT},
};

static const char *const exit_meanings[][2] = {
	[YB_EXIT_OK] = {"已作答", "answered"},
	[YB_EXIT_CHECK] = {"检查未通过（保留）", "a check failed (reserved)"},
	[YB_EXIT_USAGE] = {("用法错误或无法识别的输入（选项、城市、类型等），可选值见错误信息；"
			    "yibao batch：有查询行出错"),
			   ("usage error or input not understood (an option, city, type...); the "
			    "message lists the valid values; yibao batch: a query line had an error")},
	[YB_EXIT_CORPUS] = {"规则库无效（错误信息给出 文件:行:列）",
			    "the rules are not valid (the message gives file:line:column)"},
	[YB_EXIT_NETWORK] = {"网络错误（更新规则库时）", "network error (while updating the rules)"},
	[YB_EXIT_SYSTEM] = {"系统错误：内存不足或无法写出结果",
			    "system error: out of memory, or the output could not be written"},
	[YB_EXIT_INPUT] = {"读不了输入（yibao batch：读文件或标准输入出错）",
			   "the input could not be read (yibao batch: reading the file or stdin failed)"},
};

static bool known(yb_status status)
{
	return (unsigned)status < sizeof(statuses) / sizeof(statuses[0]);
}

const char *yb_status_name(yb_status status)
{
	return known(status) ? statuses[status].name : "unknown status";
}

const char *yb_status_code(yb_status status)
{
	return known(status) ? statuses[status].code : "io";
}

int yb_exit_code(yb_status status)
{
	return known(status) ? statuses[status].exit : YB_EXIT_SYSTEM;
}

const char *yb_exit_meaning(int code, bool english)
{
	if (code < 0 || (size_t)code >= sizeof(exit_meanings) / sizeof(exit_meanings[0]))
		return NULL;
	return exit_meanings[code][english];
}
