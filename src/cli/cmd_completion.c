/*
 * cmd_completion.c - yibao completion bash|zsh|fish: the shell completion script.
 *
 * The script is made from what the command itself reads: the command table (main.c), each
 * command's option table as its parser sees it (every command is run with a describer set,
 * args.c: cli_set_describer(), so a procedure's options are the ones the corpus gives it,
 * synonyms included), the procedures' inputs (yb_procedure_inputs(): which option takes a city,
 * which an enum and its choices) and the gazetteer (yb_city_at()). Nothing is listed twice, so
 * the script cannot offer what the command refuses, and a script made after a rule update
 * offers the options and values the update added. completion_script.c writes it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "completion.h"

const cli_text cmd_completion_help = {
	.zh = "用法：yibao completion bash|zsh|fish [--rules 目录]\n"
	      "\n"
	      "打印该 shell 的补全脚本：命令、选项、选项的取值（参保类型、格式……）、退费情形、\n"
	      "牙科项目和城市（拼音和中文名）。脚本按本程序的选项表和规则库生成，规则库更新后\n"
	      "重新生成一次即可补全新增的选项和取值。\n"
	      "\n"
	      "  bash   在 ~/.bashrc 中写一行 source <(yibao completion bash)\n"
	      "  zsh    yibao completion zsh > ~/.zfunc/_yibao（~/.zfunc 要在 $fpath 中）\n"
	      "  fish   yibao completion fish > ~/.config/fish/completions/yibao.fish\n"
	      "\n"
	      "cmake --install 和 .deb 软件包已把三个脚本装在各 shell 查找的位置\n"
	      "（bash-completion、zsh 的 vendor-completions、fish 的 vendor_completions.d）。\n"
	      "\n"
	      "  --rules 目录    按该目录下的规则库生成（也可设 YIBAO_RULES）\n",
	.en = "Usage: yibao completion bash|zsh|fish [--rules DIR]\n"
	      "\n"
	      "Prints the completion script of that shell: commands, options, option values (types of\n"
	      "insurance, formats…), refund cases, dental treatments and cities (pinyin and Chinese names).\n"
	      "The script is made from this program's option tables and rules: after a rule update, make it\n"
	      "again to complete the options and values the update added.\n"
	      "\n"
	      "  bash   add the line source <(yibao completion bash) to ~/.bashrc\n"
	      "  zsh    yibao completion zsh > ~/.zfunc/_yibao (~/.zfunc must be in $fpath)\n"
	      "  fish   yibao completion fish > ~/.config/fish/completions/yibao.fish\n"
	      "\n"
	      "cmake --install and the .deb package already put the three scripts where each shell looks\n"
	      "(bash-completion, zsh's vendor-completions, fish's vendor_completions.d).\n"
	      "\n"
	      "  --rules DIR     make it from the rules in this folder (or set YIBAO_RULES)\n",
};

/* ---- Strings kept for the model -------------------------------------------------------------- */

typedef struct block {
	struct block *next;
	size_t used;
	char data[8192];
} block;

static const char *keep(comp_model *m, const char *s)
{
	size_t n = strlen(s) + 1;
	if (n > sizeof(m->strings->data))
		return ""; /* no option name or choice is this long */
	if (!m->strings || m->strings->used + n > sizeof(m->strings->data)) {
		block *b = malloc(sizeof(*b));
		if (!b) {
			m->failed = true;
			return "";
		}
		b->next = m->strings;
		b->used = 0;
		m->strings = b;
	}
	char *at = m->strings->data + m->strings->used;
	memcpy(at, s, n);
	m->strings->used += n;
	return at;
}

/* ---- What the parser reads ----------------------------------------------------------------- */

/* What the command's positional arguments are. */
static const struct {
	const char *command;
	comp_kind kind;
} positionals[] = {
	{"help", COMP_COMMAND}, {"check", COMP_FILE},	    {"batch", COMP_FILE},
	{"bundle", COMP_DIR},	{"completion", COMP_SHELL},
};

/* What an option's value is, where the corpus does not say (it says for a procedure's inputs). */
static const struct {
	const char *name;
	comp_kind kind;
} option_kinds[] = {{"--rules", COMP_DIR}, {"--key", COMP_FILE}, {"-o", COMP_FILE}};

/* A few words on the options that are not inputs of a procedure (those have their label). */
static const struct {
	const char *command, *name; /* command NULL: every command's */
	cli_text what;
} descriptions[] = {
	{NULL, "--date", {"办理日期 YYYY-MM-DD", "the day you apply, YYYY-MM-DD"}},
	{NULL, "--format", {"输出格式", "output format"}},
	{NULL, "--explain", {"说明判断过程", "show the reasoning"}},
	{NULL, "--no-color", {"不用颜色", "no colours"}},
	{NULL, "--rules", {"使用该目录下的规则库", "use the rules in this folder"}},
	{NULL, "--list", {"列出全部可选值", "list every value"}},
	{NULL, "--help", {"显示帮助", "show the help"}},
	{NULL, "--no-pager", {"不用分页程序", "no pager"}},
	{NULL, "--lang", {"作答语言", "language of the answer"}},
	{"batch", "--input", {"输入格式", "input format"}},
	{"batch", "--output", {"--fields 的输出格式", "output format of --fields"}},
	{"batch", "--fields", {"只输出这些字段（逗号分隔）", "only these fields (comma-separated)"}},
	{"batch", "--command", {"每行默认的命令", "each line's default command"}},
	{"check", "--coverage", {"列出没有用例走到的分支", "list the branches no case reached"}},
	{"check", "--threshold", {"覆盖率下限（百分比）", "lowest coverage (percent)"}},
	{"sources", "--unlinked",
	 {"只列没有网址和文号的来源", "only sources without a URL or document number"}},
	{"update", "--from", {"规则包地址", "the bundle's address"}},
	{"update", "--timeout", {"下载时限（秒）", "time limit of the download (seconds)"}},
	{"update", "--rollback", {"退回上一个规则库", "go back to the rules before"}},
	{"bundle", "--key", {"私钥文件", "private key file"}},
	{"bundle", "-o", {"输出的规则包", "the bundle to write"}},
	{"keygen", "-o", {"私钥文件", "private key file"}},
};

static const char *describe_option(const char *command, const char *name)
{
	for (size_t i = 0; i < sizeof(descriptions) / sizeof(descriptions[0]); i++)
		if (!strcmp(descriptions[i].name, name) &&
		    (!descriptions[i].command || !strcmp(descriptions[i].command, command)))
			return cli_text_of(&descriptions[i].what);
	return "";
}

/* The describer: keeps the command's table as its parser has it. */
static void take_table(void *ctx, const char *command, const cli_opt *opts, size_t nopts)
{
	comp_model *m = ctx;
	comp_command *c = &m->commands[m->ncommands];
	(void)command;
	for (size_t i = 0; i < nopts && c->nopts < COMP_MAX_OPTS; i++) {
		comp_opt *o = &c->opts[c->nopts++];
		memset(o, 0, sizeof(*o));
		o->name = keep(m, opts[i].name);
		o->takes_value = opts[i].takes_value;
		o->slot = opts[i].slot;
		if (opts[i].choices) {
			o->choices = m->choices + m->nchoices;
			for (size_t k = 0; opts[i].choices[k]; k++) {
				if (m->nchoices == COMP_MAX_CHOICES) {
					m->failed = true;
					break;
				}
				m->choices[m->nchoices++] = keep(m, opts[i].choices[k]);
				o->nchoices++;
			}
			o->kind = COMP_CHOICES;
		}
	}
	c->described = true;
}

/* The input of a procedure whose flag is `flag`: the command's own procedure, or for batch,
 * whose flags are defaults for every procedure's inputs, the first procedure that has it. */
static bool find_input(const comp_model *m, const char *command, const char *flag, yb_input *out)
{
	yb_input in[CLI_MAX_SLOTS];
	const char *one[] = {command, NULL}, *proc;
	bool every = !strcmp(command, "batch");
	for (size_t p = 0; (proc = every ? yb_procedure_at(m->corpus, p) : one[p]); p++) {
		size_t n = yb_procedure_inputs(m->corpus, proc, in, CLI_MAX_SLOTS);
		for (size_t i = 0; i < n && i < CLI_MAX_SLOTS; i++)
			if (!strcmp(in[i].flag, flag)) {
				*out = in[i];
				return true;
			}
	}
	return false;
}

/* What each option's value is: a city, an enum's choices, a file … */
static void classify(comp_model *m, comp_command *c)
{
	const char *command = c->command->name;
	for (size_t i = 0; i < c->nopts; i++) {
		comp_opt *o = &c->opts[i];
		yb_input in;
		/* Two names of one option share its slot (--from-type is --type). */
		bool found = find_input(m, command, o->name, &in);
		for (size_t j = 0; !found && j < c->nopts; j++)
			if (j != i && c->opts[j].slot == o->slot)
				found = find_input(m, command, c->opts[j].name, &in);
		o->what = found ? cli_input_label(&in) : describe_option(command, o->name);
		if (!o->takes_value || o->kind == COMP_CHOICES)
			continue;
		if (found && in.kind == YB_INPUT_PLACE) {
			o->kind = COMP_CITY;
		} else if (found && in.kind == YB_INPUT_ENUM) {
			o->kind = COMP_ENUM;
			o->input = in.name;
		} else {
			for (size_t k = 0; k < sizeof(option_kinds) / sizeof(option_kinds[0]); k++)
				if (!strcmp(option_kinds[k].name, o->name))
					o->kind = option_kinds[k].kind;
		}
	}
	/* Every command takes --help, --no-pager and --lang (the parser adds them: args.c,
	 * global_opts), unless its own table has them already. */
	static const char *const everyones[] = {"--help", "--no-pager", "--lang"};
	for (size_t k = 0; k < 3 && c->nopts < COMP_MAX_OPTS; k++) {
		bool own = false;
		for (size_t i = 0; i < c->nopts; i++)
			own = own || !strcmp(c->opts[i].name, everyones[k]);
		if (own)
			continue;
		comp_opt o = {.name = everyones[k], .what = describe_option("", everyones[k])};
		if (!strcmp(everyones[k], "--lang"))
			o.takes_value = true, o.kind = COMP_CHOICES, o.choices = cli_langs, o.nchoices = 2;
		c->opts[c->nopts++] = o;
	}
	for (size_t k = 0; k < sizeof(positionals) / sizeof(positionals[0]); k++)
		if (!strcmp(positionals[k].command, command))
			c->positional = positionals[k].kind;
}

/* The city names the command accepts: each city's slug and its shortest Chinese name, where the
 * name resolves to that city alone (fuzhou is 福州 and 抚州: neither city is offered it). */
static bool resolves_to(const yb_corpus *corpus, const char *name, const yb_city_info *city)
{
	yb_city_info got;
	return yb_city_lookup(corpus, name, &got, NULL) == YB_OK && !strcmp(got.adcode, city->adcode);
}

size_t comp_city_names(const comp_model *m, size_t i, comp_value *latin, comp_value *chinese)
{
	yb_city_info city;
	if (!yb_city_at(m->corpus, i, &city))
		return 0;
	latin->value = resolves_to(m->corpus, city.slug, &city) ? city.slug : NULL;
	latin->label = city.name;
	latin->more = city.province;
	chinese->value = resolves_to(m->corpus, city.short_name, &city) ? city.short_name
			 : resolves_to(m->corpus, city.name, &city)   ? city.name
								      : NULL;
	chinese->label = city.slug;
	chinese->more = city.province;
	return 1;
}

static int build(comp_model *m, const char *rules)
{
	yb_error err;
	if (cli_open_corpus(rules, NULL, &m->corpus, &err))
		return cli_report(&err);
	cli_set_describer(take_table, m);
	for (const cli_command *cmd = cli_commands; cmd->name && m->ncommands < COMP_MAX_COMMANDS;
	     cmd++) {
		comp_command *c = &m->commands[m->ncommands];
		memset(c, 0, sizeof(*c));
		c->command = cmd;
		/* The command runs as far as its parser, with --rules as given here. */
		char name[32], flag[] = "--rules", dir[4096];
		snprintf(name, sizeof(name), "%s", cmd->name);
		snprintf(dir, sizeof(dir), "%s", rules ? rules : "");
		char *argv[] = {name, flag, dir, NULL};
		cmd->run(rules ? 3 : 1, argv);
		if (c->described)
			m->ncommands++;
	}
	cli_set_describer(NULL, NULL);
	for (size_t i = 0; i < m->ncommands; i++)
		classify(m, &m->commands[i]);
	if (m->failed) {
		cli_fail("内存不足", "out of memory");
		return EXIT_SYSTEM;
	}
	return EXIT_ANSWERED;
}

static void model_free(comp_model *m)
{
	while (m->strings) {
		block *next = m->strings->next;
		free(m->strings);
		m->strings = next;
	}
	yb_corpus_close(m->corpus);
	free(m);
}

int cmd_completion(int argc, char **argv)
{
	enum { RULES };
	static const cli_opt opts[] = {{"--rules", true, RULES, NULL}};
	static const char *const shells[] = {"bash", "zsh", "fish"};
	static void (*const write[])(const comp_model *, FILE *) = {comp_write_bash, comp_write_zsh,
								    comp_write_fish};
	cli_args a;
	int code;
	if ((code = cli_parse("completion", &cmd_completion_help, opts, 1, argc, argv, &a)) || a.help)
		return code;
	if (a.npositional != 1) {
		if (a.npositional)
			cli_fail("completion: 多余的参数 \"%s\"（用法：yibao completion bash|zsh|fish）",
				 "completion: unexpected argument \"%s\" (usage: yibao completion "
				 "bash|zsh|fish)",
				 a.positional[1]);
		else
			cli_fail("completion: 要给出 shell：yibao completion bash|zsh|fish",
				 "completion: name the shell: yibao completion bash|zsh|fish");
		return EXIT_USAGE;
	}
	size_t shell = 0;
	while (shell < 3 && strcmp(a.positional[0], shells[shell]) != 0)
		shell++;
	if (shell == 3) {
		cli_fail("completion: 没有 \"%s\" 的补全脚本；可选：bash、zsh、fish",
			 "completion: no completion script for \"%s\"; valid: bash, zsh, fish",
			 a.positional[0]);
		return EXIT_USAGE;
	}
	comp_model *m = calloc(1, sizeof(*m));
	if (!m) {
		cli_fail("内存不足", "out of memory");
		return EXIT_SYSTEM;
	}
	if (!(code = build(m, a.value[RULES]))) {
		write[shell](m, stdout);
		code = cli_finish(EXIT_ANSWERED);
	}
	model_free(m);
	return code;
}
