/*
 * args.c - the one option parser of every yibao command (cli.h: cli_parse).
 *
 * A command describes its options in a table (cli_opt); the parser reads argv against it the
 * same way for every command:
 *
 *   --name value, --name=value   the same; the value is trimmed of surrounding white space
 *                                (ASCII and the ideographic space U+3000); a value never starts
 *                                with "--", so `--to --type x` is --to without its value
 *   --switch                     a switch takes no value (--switch=x is refused)
 *   -o value                     a one-letter option where the table has one (bundle, keygen)
 *   --help, -h                   anywhere before "--": the command's help, nothing else read
 *   --no-pager                   every command's: no pager (pager.c; cli_main() reads it)
 *   --lang zh|en                 every command's: the language of its help and messages, and
 *                                of the answers where it gives some (lang.c reads it)
 *   --                           ends the options: what follows is positional
 *   anything else                positional ("-" and negative numbers such as -3 included)
 *
 * Only an option's exact name is accepted: no abbreviation, since an abbreviation that means
 * one option today means another once an option is added (--form was --format until --from
 * came along). A name that is not in the table is refused with the nearest ones.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* "--x…" or "-x" with x a letter: an option, not a value. */
static bool is_option(const char *arg)
{
	return arg[0] == '-' &&
	       (arg[1] == '-' || (arg[1] >= 'a' && arg[1] <= 'z') || (arg[1] >= 'A' && arg[1] <= 'Z'));
}

/* Trims white space around s in place: ASCII space and controls, and U+3000 (E3 80 80), which
 * Chinese input methods type. */
static char *trim(char *s)
{
	for (;;) {
		if (*s == ' ' || (*s >= '\t' && *s <= '\r'))
			s++;
		else if (!strncmp(s, "\xE3\x80\x80", 3))
			s += 3;
		else
			break;
	}
	size_t n = strlen(s);
	for (;;) {
		if (n && (s[n - 1] == ' ' || (s[n - 1] >= '\t' && s[n - 1] <= '\r')))
			n--;
		else if (n >= 3 && !strncmp(s + n - 3, "\xE3\x80\x80", 3))
			n -= 3;
		else
			break;
	}
	s[n] = '\0';
	return s;
}

bool cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return true;
	return false;
}

const char *cli_peek(int argc, char **argv, const char *name)
{
	size_t len = strlen(name);
	const char *value = NULL;
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strncmp(argv[i], name, len) != 0)
			continue;
		if (argv[i][len] == '=')
			value = trim(argv[i] + len + 1);
		else if (!argv[i][len] && i + 1 < argc && !is_option(argv[i + 1]))
			value = trim(argv[++i]);
	}
	return value && *value ? value : NULL;
}

void cli_join(char *out, size_t size, const char *const *words, size_t n, const char *sep,
	      const char *last_sep)
{
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(out);
		snprintf(out + len, size - len, "%s%s", !i ? "" : i + 1 == n ? last_sep : sep,
			 words[i]);
	}
}

void cli_join_or(char *out, size_t size, const char *const *words, size_t n)
{
	if (cli_in_english())
		cli_join(out, size, words, n, ", ", " or ");
	else
		cli_join(out, size, words, n, "、", " 或 ");
}

void cli_bad_value(const char *flag, const char *typed, const char *near, const char *all)
{
	if (!*near)
		cli_fail("%s 的值 \"%s\" 无效；%s", "invalid value \"%2$s\" for %1$s; %3$s", flag, typed,
			 all);
	else
		cli_fail("%s 的值 \"%s\" 无效；是不是 %s？（%s）",
			 "invalid value \"%2$s\" for %1$s; did you mean %3$s? (%4$s)", flag, typed, near,
			 all);
}

/*
 * How far the typed name is from an option's, without the dashes, or -1 when too far to
 * suggest: one slip in a name of up to three letters, two in a longer one; and the start of
 * a name (--exp for --explain) is as near as two slips, whatever its length.
 */
static int name_distance(const char *typed, const char *name)
{
	while (*name == '-')
		name++;
	int d = yb_edit_distance(typed, name);
	size_t len = strlen(typed);
	if (len >= 2 && !strncmp(name, typed, len) && d > 2)
		return 2;
	return d <= (len <= 3 ? 1 : 2) ? d : -1;
}

/* The options every command takes besides its own and --help: read by cli_main() (the pager)
 * and cli_lang_choose() (the language), checked and passed over here. A command whose table
 * has one of them (--lang of the procedure commands and batch) reads it itself. */
static const cli_opt global_opts[] = {{"--no-pager", false, -1, NULL},
				      {"--lang", true, -1, cli_langs}};
enum { NGLOBAL = sizeof(global_opts) / sizeof(global_opts[0]) };

static const cli_opt *find_option(const cli_opt *opts, size_t nopts, const char *arg, size_t len)
{
	for (size_t i = 0; i < nopts + NGLOBAL; i++) {
		const cli_opt *o = i < nopts ? &opts[i] : &global_opts[i - nopts];
		if (strlen(o->name) == len && !strncmp(o->name, arg, len))
			return o;
	}
	return NULL;
}

static void unknown_option(const char *command, const char *arg, size_t len, const cli_opt *opts,
			   size_t nopts)
{
	char typed[128], all[1024] = "", said[512];
	const char *near[8];
	size_t nnear = 0;
	int best = 3;
	snprintf(typed, sizeof(typed), "%.*s", (int)len, arg);
	const char *bare = typed + strspn(typed, "-");
	for (size_t i = 0; i <= nopts + NGLOBAL; i++) {
		const char *name = "--help";
		if (i < nopts)
			name = opts[i].name;
		else if (i < nopts + NGLOBAL)
			name = global_opts[i - nopts].name;
		if (i >= nopts && i < nopts + NGLOBAL &&
		    find_option(opts, nopts, name, strlen(name)) != &global_opts[i - nopts])
			continue; /* the command's own, listed already */
		size_t at = strlen(all);
		snprintf(all + at, sizeof(all) - at, "%s%s", i ? ", " : "", name);
		int d = name_distance(bare, name);
		if (d < 0)
			continue;
		if (d < best)
			best = d, nnear = 0;
		if (d == best && nnear < sizeof(near) / sizeof(near[0]))
			near[nnear++] = name;
	}
	if (!nnear) {
		cli_fail("%s: 未知选项 %s（可用：%s）", "%s: unknown option %s (valid: %s)", command,
			 typed, all);
		return;
	}
	cli_join_or(said, sizeof(said), near, nnear);
	cli_fail("%s: 未知选项 %s；是不是 %s？（可用：%s）",
		 "%s: unknown option %s; did you mean %s? (valid: %s)", command, typed, said, all);
}

/* A value outside an option's fixed choices (--format xml), with the nearest. */
static void bad_choice(const cli_opt *o, const char *value)
{
	char all[512];
	const char *near[8];
	char said[256];
	size_t nnear = 0, n = 0;
	int best = 3;
	while (o->choices[n])
		n++;
	const char *sep = cli_in_english() ? ", " : "、";
	snprintf(all, sizeof(all), "%s", cli_in_english() ? "valid: " : "可选：");
	cli_join(all + strlen(all), sizeof(all) - strlen(all), o->choices, n, sep, sep);
	for (size_t i = 0; i < n; i++) {
		int d = name_distance(value, o->choices[i]);
		if (d < 0)
			continue;
		if (d < best)
			best = d, nnear = 0;
		if (d == best && nnear < sizeof(near) / sizeof(near[0]))
			near[nnear++] = o->choices[i];
	}
	cli_join_or(said, sizeof(said), near, nnear);
	cli_bad_value(o->name, value, said, all);
}

static bool is_choice(const cli_opt *o, const char *value)
{
	for (size_t i = 0; o->choices[i]; i++)
		if (!strcmp(o->choices[i], value))
			return true;
	return false;
}

static cli_describer *describer;
static void *describer_ctx;

void cli_set_describer(cli_describer *fn, void *ctx)
{
	describer = fn;
	describer_ctx = ctx;
}

int cli_parse(const char *command, const cli_text *help, const cli_opt *opts, size_t nopts, int argc,
	      char **argv, cli_args *out)
{
	memset(out, 0, sizeof(*out));
	out->positional = argv + 1;
	if (describer) {
		describer(describer_ctx, command, opts, nopts);
		return CLI_DESCRIBED;
	}
	if ((out->help = cli_wants_help(argc, argv))) {
		if (!help)
			return EXIT_ANSWERED;
		cli_pager_start();
		fputs(cli_text_of(help), stdout);
		return cli_finish(EXIT_ANSWERED);
	}
	bool options = true;
	for (int i = 1; i < argc; i++) {
		char *arg = argv[i];
		if (!options || !is_option(arg)) {
			/* Positionals move to the front, in order; argv[i] has been read already. */
			argv[1 + out->npositional++] = arg;
			continue;
		}
		if (!strcmp(arg, "--")) {
			options = false;
			continue;
		}
		char *eq = arg[1] == '-' ? strchr(arg, '=') : NULL;
		size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
		const cli_opt *o = find_option(opts, nopts, arg, len);
		if (!o) {
			unknown_option(command, arg, len, opts, nopts);
			return EXIT_USAGE;
		}
		const char *value = "";
		if (!o->takes_value && eq) {
			cli_fail("%s: 选项 %s 不带值（见 yibao %s --help）",
				 "%s: option %s takes no value (see yibao %s --help)", command, o->name,
				 command);
			return EXIT_USAGE;
		}
		if (o->takes_value) {
			value = eq ? trim(eq + 1)
			       : i + 1 < argc && !is_option(argv[i + 1]) ? trim(argv[++i])
								       : "";
			if (!*value) {
				cli_fail("%s: 选项 %s 需要一个值（见 yibao %s --help）",
					 "%s: option %s needs a value (see yibao %s --help)", command,
					 o->name, command);
				return EXIT_USAGE;
			}
			if (o->choices && !is_choice(o, value)) {
				bad_choice(o, value);
				return EXIT_USAGE;
			}
		}
		int s = o->slot;
		if (s < 0)
			continue;
		const char *before = out->value[s];
		if (before && strcmp(before, value) != 0) {
			if (strcmp(out->name[s], o->name) != 0)
				cli_warn("%s: %s 和 %s 是同一个选项，给了不止一次，以最后一次为准："
					 "\"%s\" 改为 \"%s\"",
					 "%s: %s and %s are one option, given more than once; the last "
					 "one counts: \"%s\" becomes \"%s\"",
					 command, out->name[s], o->name, before, value);
			else
				cli_warn("%s: %s 给了不止一次，以最后一次为准：\"%s\" 改为 \"%s\"",
					 "%s: %s given more than once; the last one counts: \"%s\" "
					 "becomes \"%s\"",
					 command, o->name, before, value);
		}
		out->value[s] = value;
		out->name[s] = o->name;
	}
	return EXIT_ANSWERED;
}
