/*
 * cmd_update.c - the commands around signed rule updates (docs/updates.md):
 *   yibao update [--from URL] [--rollback]   fetch, verify and install a bundle
 *   yibao corpus                             which corpus answers, and where it came from
 *   yibao bundle DIR --key KEY -o OUT         make a signed bundle of a corpus folder
 *   yibao keygen -o KEY                       make a signing key
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

const cli_text cmd_update_help = {
	.zh = "用法：yibao update [--from URL] [--timeout 秒] [--rollback]\n"
	      "\n"
	      "下载签名的规则包并安装：先核对签名（内置公钥或配置里的公钥）、每个文件的大小和\n"
	      "SHA-256，再做完整检查（同 yibao lint），全部通过才原子地切换到新规则库；之前的规则库\n"
	      "保留，可用 --rollback 退回。任何一步失败，正在用的规则库都原样不动。\n"
	      "\n"
	      "  --from URL      规则包地址（默认：配置文件 ~/.config/yibao/config.yaml 的 url）；\n"
	      "                  只用 https://，http:// 只允许本机地址\n"
	      "  --timeout 秒    整个下载的时限，1 到 86400 的整数（默认 300）\n"
	      "  --rollback      退回到上一个规则库\n"
	      "\n"
	      "退出码：0 已安装或已是最新；2 参数、地址或配置有误；3 规则包无效（签名、哈希、版本、检查不通过）；\n"
	      "4 网络错误；5 本地错误（磁盘、数据目录或锁文件不可用，或找不到执行更新的 yibao-net）。\n",
	.en = "Usage: yibao update [--from URL] [--timeout SECONDS] [--rollback]\n"
	      "\n"
	      "Downloads a signed bundle of rules and installs it: first checks the signature (the built-in\n"
	      "public key or one in the configuration), each file's size and SHA-256, then runs the full\n"
	      "check (as yibao lint); only when everything passes does it switch to the new rules,\n"
	      "atomically. The rules before are kept, and --rollback goes back to them. If any step fails,\n"
	      "the rules in use stay exactly as they are.\n"
	      "\n"
	      "  --from URL         the bundle's address (default: url in the configuration file\n"
	      "                     ~/.config/yibao/config.yaml); https:// only, http:// only for this\n"
	      "                     machine\n"
	      "  --timeout SECONDS  the time limit of the whole download, a whole number from 1 to 86400\n"
	      "                     (default 300)\n"
	      "  --rollback         go back to the rules before\n"
	      "\n"
	      "Exit codes: 0 installed, or already up to date; 2 wrong argument, address or configuration;\n"
	      "3 invalid bundle (signature, hash, version, failed check); 4 network error; 5 local error\n"
	      "(disk, data folder or lock file not usable, or no yibao-net found to run the update).\n",
};

const cli_text cmd_corpus_help = {
	.zh = "用法：yibao corpus [--rules 目录]\n"
	      "\n"
	      "显示正在使用的规则库：来自哪里（内置、已安装的更新、目录）、版本和日期；已安装的\n"
	      "更新还显示签名公钥、下载地址和时间。已安装的规则库每次加载都按签名清单核对，\n"
	      "核对不通过就不用它，改用内置规则库，并说明原因。\n",
	.en = "Usage: yibao corpus [--rules DIR]\n"
	      "\n"
	      "Shows the rules in use: where they come from (built in, an installed update, a folder), their\n"
	      "version and date; for an installed update, also the signing public key, the download address\n"
	      "and time. Installed rules are checked against their signed manifest each time they are\n"
	      "loaded; when the check fails they are not used, the built-in rules answer instead, and the\n"
	      "reason is given.\n",
};

const cli_text cmd_bundle_help = {
	.zh = "用法：yibao bundle 目录 --key 私钥文件 -o 输出文件\n"
	      "\n"
	      "把一个规则库目录打成签名的规则包，供 yibao update 下载：先做完整检查（有错误就不打包），\n"
	      "再写清单（版本、日期、每个文件的路径、大小和 SHA-256），用 Ed25519 私钥签名。\n"
	      "私钥用 yibao keygen 生成。\n",
	.en = "Usage: yibao bundle DIR --key KEY_FILE -o OUTPUT_FILE\n"
	      "\n"
	      "Packs a folder of rules into a signed bundle for yibao update to download: first the full\n"
	      "check (no bundle when there is an error), then the manifest (version, date, each file's path,\n"
	      "size and SHA-256), signed with an Ed25519 private key. Make the private key with\n"
	      "yibao keygen.\n",
};

const cli_text cmd_keygen_help = {
	.zh = "用法：yibao keygen -o 私钥文件\n"
	      "\n"
	      "生成 Ed25519 签名密钥：私钥写入文件（权限 0600，已存在的文件不会被覆盖），公钥和它的\n"
	      "编号打印出来。让用户信任这个公钥：写进 ~/.config/yibao/config.yaml 的 keys 列表。\n",
	.en = "Usage: yibao keygen -o KEY_FILE\n"
	      "\n"
	      "Makes an Ed25519 signing key: the private key goes to the file (mode 0600; an existing file\n"
	      "is never overwritten), and the public key and its id are printed. To have users trust this\n"
	      "public key: add it to the keys list in ~/.config/yibao/config.yaml.\n",
};

/* The longest --timeout: a day. */
enum { TIMEOUT_MAX = 86400 };

static void progress_bar(void *ctx, long long now, long long total)
{
	(void)ctx;
	if (total > 0)
		fprintf(stderr, "\r%s %3lld%% %lld/%lld KB",
			cli_in_english() ? "downloading" : "下载中", now * 100 / total, now / 1024,
			total / 1024);
	else
		fprintf(stderr, "\r%s %lld KB", cli_in_english() ? "downloading" : "下载中",
			now / 1024);
}

int cmd_update(int argc, char **argv)
{
	enum { FROM, TIMEOUT, ROLLBACK };
	static const cli_opt opts[] = {
		{"--from", true, FROM, NULL},
		{"--timeout", true, TIMEOUT, NULL},
		{"--rollback", false, ROLLBACK, NULL},
	};
	yb_update_options o = {NULL, 0, 0, 0, NULL, NULL};
	yb_update_result r;
	yb_error err;
	cli_args a;
	int code;
	if ((code = cli_parse("update", &cmd_update_help, opts, 3, argc, argv, &a)) || a.help)
		return code;
	if (a.npositional) {
		cli_fail("update: 多余的参数 \"%s\"（可用：--from, --timeout, --rollback, --help）",
			 "update: unexpected argument \"%s\" (valid: --from, --timeout, --rollback, "
			 "--help)",
			 a.positional[0]);
		return EXIT_USAGE;
	}
	o.url = a.value[FROM];
	if (a.value[TIMEOUT]) {
		const char *v = a.value[TIMEOUT];
		char *end;
		errno = 0;
		o.timeout = strtol(v, &end, 10);
		if (end == v || *end || errno || *v == '+' || o.timeout < 1 || o.timeout > TIMEOUT_MAX) {
			cli_fail("update: --timeout 的值 \"%s\" 无效：要 1 到 %d 之间的整数（秒）",
				 "update: invalid value \"%s\" for --timeout: a whole number of "
				 "seconds from 1 to %d is needed",
				 v, TIMEOUT_MAX);
			return EXIT_USAGE;
		}
	}
	bool rollback = a.value[ROLLBACK] != NULL;
	/* A rollback downloads nothing: a URL or a time limit with it is a mistake to point out. */
	if (rollback && (o.url || a.value[TIMEOUT]))
		cli_warn("update: --rollback 不下载，%s 不起作用",
			 "update: --rollback downloads nothing: %s ignored",
			 !a.value[TIMEOUT] ? "--from"
			 : !o.url	   ? "--timeout"
			 : cli_in_english() ? "--from and --timeout" : "--from 和 --timeout");
	if (rollback) {
		if (yb_update_rollback(&r, &err))
			return cli_report(&err);
		const char *unknown = cli_in_english() ? "(unknown)" : "（未知）";
		cli_print("已退回规则库 %s（%s）；之前用的是 %s\n",
			  "rolled back to the rules %s (%s); %s was in use before\n", r.version,
			  r.date, r.previous[0] ? r.previous : unknown);
		return cli_finish(EXIT_ANSWERED);
	}
	if (isatty(STDERR_FILENO))
		o.progress = progress_bar;
	yb_status st = yb_update(&o, &r, &err);
	if (o.progress)
		fputs("\r\033[K", stderr);
	if (st)
		return cli_report(&err);
	if (r.not_modified)
		cli_print("规则库已是最新（%s），来自 %s\n", "the rules are up to date (%s), from %s\n",
			  r.version[0] ? r.version : r.previous, r.url);
	else
		cli_print("已安装规则库 %s（%s），签名公钥 %s，来自 %s；之前用的是 %s\n",
			  "installed the rules %s (%s), signing key %s, from %s; %s was in use "
			  "before\n",
			  r.version, r.date, r.key, r.url, r.previous);
	return cli_finish(EXIT_ANSWERED);
}

int cmd_corpus(int argc, char **argv)
{
	enum { RULES };
	static const cli_opt opts[] = {{"--rules", true, RULES, NULL}};
	cli_args a;
	int code;
	if ((code = cli_parse("corpus", &cmd_corpus_help, opts, 1, argc, argv, &a)) || a.help)
		return code;
	if (a.npositional) {
		cli_fail("corpus: 多余的参数 \"%s\"（可用：--rules, --help）",
			 "corpus: unexpected argument \"%s\" (valid: --rules, --help)",
			 a.positional[0]);
		return EXIT_USAGE;
	}
	const char *rules = a.value[RULES];
	yb_corpus *corpus = NULL;
	yb_corpus_origin o;
	yb_error err;
	if (yb_corpus_open_auto(rules, "", &corpus, &o, &err)) {
		cli_warn_origin(&o);
		return cli_report(&err);
	}
	if (o.kind == YB_ORIGIN_INSTALLED && cli_net_elsewhere()) {
		/* Its check needs libcrypto. Nothing is printed yet, and the arguments are as given
		 * (an installed update answers only when there is no --rules and no argument). */
		yb_corpus_close(corpus);
		return cli_exec_net(argc, argv);
	}
	cli_warn_origin(&o);
	static const char *const kinds[][3] = {
		{"内置（编译进程序）", "已安装的更新", "目录"},
		{"built in (compiled into the program)", "an installed update", "a folder"}};
	bool en = cli_in_english();
	cli_print("来源：%s\n版本：%s\n日期：%s\n", "Source: %s\nVersion: %s\nDate: %s\n",
		  kinds[en][o.kind], o.version, o.date);
	if (o.fallback)
		cli_print("注意：已安装的更新没有用上（%s）：%s\n",
			  "Note: the installed update was not used (%s): %s\n",
			  yb_fallback_name(o.fallback),
			  en && o.warning_en[0] ? o.warning_en : o.warning);
	if (o.kind != YB_ORIGIN_EMBEDDED)
		cli_print("位置：%s\n", "Location: %s\n", o.path);
	yb_corpus_close(corpus);
	if (o.kind == YB_ORIGIN_INSTALLED) {
		/* The whole check again: what was verified at install may have changed since. */
		if (yb_corpus_verify(&o, &err)) {
			cli_print("校验：未通过：%s\n", "Check: failed: %s\n", yb_error_text(&err, en));
			return cli_report(&err);
		}
		cli_print("校验：通过（签名、每个文件、编译映像）\n",
			  "Check: passed (signature, every file, compiled image)\n");
		cli_print("签名公钥：%s\n下载地址：%s\n下载时间：%s\n",
			  "Signing key: %s\nDownloaded from: %s\nDownloaded at: %s\n", o.key, o.url,
			  o.fetched);
	}
	return cli_finish(EXIT_ANSWERED);
}

int cmd_bundle(int argc, char **argv)
{
	enum { KEY, OUT };
	static const cli_opt opts[] = {{"--key", true, KEY, NULL}, {"-o", true, OUT, NULL}};
	cli_args a;
	int code;
	if ((code = cli_parse("bundle", &cmd_bundle_help, opts, 2, argc, argv, &a)) || a.help)
		return code;
	const char *dir = a.npositional ? a.positional[0] : NULL, *key = a.value[KEY],
		   *out = a.value[OUT];
	if (a.npositional > 1) {
		cli_fail("bundle: 多余的参数 \"%s\"（用法：yibao bundle 目录 --key 私钥 -o 输出）",
			 "bundle: unexpected argument \"%s\" (usage: yibao bundle DIR --key KEY -o "
			 "OUT)",
			 a.positional[1]);
		return EXIT_USAGE;
	}
	if (!dir || !key || !out) {
		cli_fail("bundle: 用法：yibao bundle 目录 --key 私钥文件 -o 输出文件",
			 "bundle: usage: yibao bundle DIR --key KEY_FILE -o OUTPUT_FILE");
		return EXIT_USAGE;
	}
	yb_bundle_info info;
	yb_error err;
	if (yb_bundle_make(dir, key, out, &info, &err))
		return cli_report(&err);
	cli_print("已写出 %s：规则库 %s（%s），%zu 个文件，%zu 字节，签名公钥 %s\n",
		  "wrote %s: rules %s (%s), %zu files, %zu bytes, signing key %s\n", out,
		  info.version, info.date, info.files, info.bytes, info.key);
	return cli_finish(EXIT_ANSWERED);
}

int cmd_keygen(int argc, char **argv)
{
	enum { OUT };
	static const cli_opt opts[] = {{"-o", true, OUT, NULL}};
	cli_args a;
	int code;
	if ((code = cli_parse("keygen", &cmd_keygen_help, opts, 1, argc, argv, &a)) || a.help)
		return code;
	const char *out = a.value[OUT];
	if (a.npositional) {
		cli_fail("keygen: 多余的参数 \"%s\"（用法：yibao keygen -o 私钥文件）",
			 "keygen: unexpected argument \"%s\" (usage: yibao keygen -o KEY_FILE)",
			 a.positional[0]);
		return EXIT_USAGE;
	}
	if (!out) {
		cli_fail("keygen: 用法：yibao keygen -o 私钥文件",
			 "keygen: usage: yibao keygen -o KEY_FILE");
		return EXIT_USAGE;
	}
	char pub[65], id[17];
	yb_error err;
	if (yb_keygen(out, pub, id, &err))
		return cli_report(&err);
	cli_print("私钥：%s\n公钥：%s\n编号：%s\n", "Private key: %s\nPublic key: %s\nKey id: %s\n",
		  out, pub, id);
	return cli_finish(EXIT_ANSWERED);
}
