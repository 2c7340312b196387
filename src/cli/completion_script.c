/*
 * completion_script.c - the completion scripts for bash, zsh and fish, written from what
 * `yibao completion` learnt from the command (completion.h).
 *
 * Each script holds its data (commands, options, choices, city names) and runs nothing when a
 * word is completed. The city names are one quoted string, _yibao_cities, in all three.
 */
#include <string.h>

#include "completion.h"

/* ---- Quoting --------------------------------------------------------------------------------- */

/* The inside of a single-quoted word: bash and zsh end the quote for a quote ('\''), fish
 * escapes it and the backslash. */
static void put_quoted(FILE *out, const char *s, bool fish)
{
	for (; *s; s++) {
		if (*s == '\'')
			fputs(fish ? "\\'" : "'\\''", out);
		else if (*s == '\\' && fish)
			fputs("\\\\", out);
		else
			fputc(*s, out);
	}
}

/* zsh's _arguments and _describe read a backslash, a colon and brackets in a description or a
 * value: escaped. */
static void put_zsh_spec(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\:[]", *s))
			fputc('\\', out);
		put_quoted(out, (char[]){*s, '\0'}, false);
	}
}

/* ---- The values an option takes ------------------------------------------------------------- */

typedef void each_fn(FILE *out, const comp_value *v, bool first);

static const char *const shells[] = {"bash", "zsh", "fish"};

/* A word of the script's own (a heading zsh shows, a description), in the language it is made in. */
static const char *word(const char *zh, const char *en)
{
	return cli_in_english() ? en : zh;
}

/* Calls fn for each value of kind (for an option, o): its choices, the enum's from the corpus,
 * the commands or the shells. Cities, files and folders are the shells' business. */
static void each_value(const comp_model *m, comp_kind kind, const comp_opt *o, each_fn *fn,
		       FILE *out)
{
	comp_value v = {NULL, NULL, NULL};
	size_t n = 0;
	if (kind == COMP_CHOICES) {
		for (size_t i = 0; i < o->nchoices; i++) {
			/* batch --command's choices are commands: their summary says what. */
			const cli_command *c = cli_find_command(o->choices[i]);
			v = (comp_value){o->choices[i], c ? cli_text_of(&c->summary) : NULL, NULL};
			fn(out, &v, !n++);
		}
	} else if (kind == COMP_ENUM) {
		yb_input_choice ch;
		for (size_t i = 0; yb_input_choice_at(m->corpus, o->input, i, &ch); i++) {
			v = (comp_value){ch.value, cli_choice_label(&ch), NULL};
			fn(out, &v, !n++);
		}
	} else if (kind == COMP_COMMAND) {
		for (size_t i = 0; i < m->ncommands; i++) {
			const cli_command *c = m->commands[i].command;
			v = (comp_value){c->name, cli_text_of(&c->summary), NULL};
			fn(out, &v, !n++);
		}
	} else if (kind == COMP_SHELL) {
		for (size_t i = 0; i < 3; i++) {
			v = (comp_value){shells[i], NULL, NULL};
			fn(out, &v, !n++);
		}
	}
}

/* Whether two options take the same values (and so share one case of the script). */
static bool same_values(const comp_opt *a, const comp_opt *b)
{
	if (a->kind != b->kind || a->takes_value != b->takes_value)
		return false;
	if (a->kind == COMP_ENUM)
		return !strcmp(a->input, b->input);
	if (a->kind != COMP_CHOICES || a->nchoices != b->nchoices)
		return a->kind != COMP_CHOICES;
	for (size_t i = 0; i < a->nchoices; i++)
		if (strcmp(a->choices[i], b->choices[i]) != 0)
			return false;
	return true;
}

/* Whether an option before o in c takes the same values (it wrote o's case already). */
static bool written_before(const comp_command *c, const comp_opt *o)
{
	for (const comp_opt *p = c->opts; p < o; p++)
		if (p->takes_value && same_values(p, o))
			return true;
	return false;
}

/* Every city name the command accepts alone: fn(out, name, what it names). */
static void each_city(const comp_model *m, each_fn *fn, FILE *out)
{
	comp_value latin, chinese;
	size_t n = 0;
	for (size_t i = 0; comp_city_names(m, i, &latin, &chinese); i++) {
		if (latin.value)
			fn(out, &latin, !n++);
		if (chinese.value)
			fn(out, &chinese, !n++);
	}
}

static const char header[] =
	" completion for yibao, made by `yibao completion %s` from the command's own option\n"
	"# tables and rule corpus: made again after a rule update, it offers what the update added.\n";

/* ---- bash ------------------------------------------------------------------------------------ */

static void bash_word(FILE *out, const comp_value *v, bool first)
{
	if (!first)
		fputc(' ', out);
	put_quoted(out, v->value, false);
}

/* The words of a value list, as one single-quoted word. */
static void bash_words(const comp_model *m, comp_kind kind, const comp_opt *o, FILE *out)
{
	fputs("words='", out);
	each_value(m, kind, o, bash_word, out);
	fputc('\'', out);
}

static void bash_command(const comp_model *m, const comp_command *c, FILE *out)
{
	fprintf(out, "\t%s)\n\t\topts='", c->command->name);
	for (size_t i = 0; i < c->nopts; i++)
		fprintf(out, "%s%s", i ? " " : "", c->opts[i].name);
	fputs("'\n\t\tcase $opt in\n", out);
	for (size_t i = 0; i < c->nopts; i++) {
		const comp_opt *o = &c->opts[i];
		if (!o->takes_value || written_before(c, o))
			continue;
		fputs("\t\t", out);
		for (size_t j = i, n = 0; j < c->nopts; j++)
			if (c->opts[j].takes_value && same_values(o, &c->opts[j]))
				fprintf(out, "%s%s", n++ ? "|" : "", c->opts[j].name);
		fputs(") ", out);
		switch (o->kind) {
		case COMP_CITY: fputs("kind=city", out); break;
		case COMP_FILE: fputs("kind=file", out); break;
		case COMP_DIR: fputs("kind=dir", out); break;
		case COMP_NONE: fputs("kind=none", out); break;
		default: fputs("kind=words ", out); bash_words(m, o->kind, o, out); break;
		}
		fputs(" ;;\n", out);
	}
	switch (c->positional) {
	case COMP_FILE: fputs("\t\t*) [[ $cur == -* ]] || kind=file ;;\n", out); break;
	case COMP_DIR: fputs("\t\t*) [[ $cur == -* ]] || kind=dir ;;\n", out); break;
	case COMP_COMMAND:
	case COMP_SHELL:
		fputs("\t\t*) [[ $cur == -* ]] || { kind=words ", out);
		bash_words(m, c->positional, NULL, out);
		fputs("; } ;;\n", out);
		break;
	default: break;
	}
	fputs("\t\tesac\n\t\t;;\n", out);
}

void comp_write_bash(const comp_model *m, FILE *out)
{
	fputs("# bash", out);
	fprintf(out, header, "bash");
	fputs("# Load it with: source <(yibao completion bash)\n\n_yibao_cities='", out);
	each_city(m, bash_word, out);
	fputs("'\n\n"
	      "_yibao()\n"
	      "{\n"
	      "\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev= opt= opts= kind= words=\n"
	      "\tCOMPREPLY=()\n"
	      "\tif ((COMP_CWORD == 1)); then\n"
	      "\t\tmapfile -t COMPREPLY < <(compgen -W '",
	      out);
	each_value(m, COMP_COMMAND, NULL, bash_word, out);
	fputs(" --help -h --version -V' -- \"$cur\")\n"
	      "\t\treturn\n"
	      "\tfi\n"
	      "\tprev=${COMP_WORDS[COMP_CWORD - 1]}\n"
	      "\t# The option whose value is being typed: --name value, or --name=value, which bash\n"
	      "\t# splits at \"=\" (COMP_WORDBREAKS).\n"
	      "\tif [[ $cur == = ]]; then\n"
	      "\t\topt=$prev cur=\n"
	      "\telif [[ $prev == = ]] && ((COMP_CWORD > 2)); then\n"
	      "\t\topt=${COMP_WORDS[COMP_CWORD - 2]}\n"
	      "\telif [[ $prev == -* ]]; then\n"
	      "\t\topt=$prev\n"
	      "\tfi\n"
	      "\tcase ${COMP_WORDS[1]} in\n",
	      out);
	for (size_t i = 0; i < m->ncommands; i++)
		bash_command(m, &m->commands[i], out);
	fputs("\t*) return ;;\n"
	      "\tesac\n"
	      "\tcase $kind in\n"
	      "\tnone) return ;;\n"
	      "\tcity) words=$_yibao_cities ;;\n"
	      "\tfile | dir)\n"
	      "\t\tcompopt -o filenames 2>/dev/null\n"
	      "\t\tmapfile -t COMPREPLY < <(compgen -\"${kind:0:1}\" -- \"$cur\")\n"
	      "\t\treturn\n"
	      "\t\t;;\n"
	      "\twords) ;;\n"
	      "\t*) words=$opts ;;\n"
	      "\tesac\n"
	      "\tmapfile -t COMPREPLY < <(compgen -W \"$words\" -- \"$cur\")\n"
	      "}\n"
	      "complete -F _yibao yibao\n",
	      out);
}

/* What a value is, after it: its label, and where there is more (a city's province) that in
 * brackets, quoted for zsh or for fish. */
static void put_what(FILE *out, const comp_value *v, bool fish)
{
	put_quoted(out, v->label, fish);
	if (v->more) {
		fputs("（", out);
		put_quoted(out, v->more, fish);
		fputs("）", out);
	}
}

/* ---- zsh ------------------------------------------------------------------------------------- */

/* 'value:what' for _describe. */
static void zsh_described(FILE *out, const comp_value *v, bool first)
{
	(void)first;
	fputs(" '", out);
	put_zsh_spec(out, v->value);
	if (v->label) {
		fputc(':', out);
		put_what(out, v, false);
	}
	fputc('\'', out);
}

/* A line of _yibao_cities: value:what, for _describe. */
static void zsh_city(FILE *out, const comp_value *v, bool first)
{
	if (!first)
		fputc('\n', out);
	put_zsh_spec(out, v->value);
	fputc(':', out);
	put_what(out, v, false);
}

/* A name for an enum's choices: PREFIX then the input's name, [a-z0-9_] only. */
static void put_enum_name(FILE *out, const char *prefix, const char *input)
{
	fputs(prefix, out);
	for (; *input; input++)
		fputc((*input >= 'a' && *input <= 'z') || (*input >= '0' && *input <= '9') ? *input
											    : '_',
		      out);
}

/* Calls fn for each enum input that an option takes, once, with the first such option. */
static void each_enum(const comp_model *m, void (*fn)(const comp_model *, const comp_opt *, FILE *),
		      FILE *out)
{
	for (size_t i = 0; i < m->ncommands; i++) {
		const comp_command *c = &m->commands[i];
		for (size_t k = 0; k < c->nopts; k++) {
			const comp_opt *o = &c->opts[k];
			if (o->kind != COMP_ENUM)
				continue;
			bool before = false;
			for (size_t j = 0; j <= i && !before; j++)
				for (size_t l = 0; l < m->commands[j].nopts && !before; l++) {
					const comp_opt *p = &m->commands[j].opts[l];
					if (p == o)
						break;
					before = p->kind == COMP_ENUM && !strcmp(p->input, o->input);
				}
			if (!before)
				fn(m, o, out);
		}
	}
}

static void zsh_action(const comp_model *m, const comp_opt *o, comp_kind kind, FILE *out)
{
	switch (kind) {
	case COMP_CITY: fputs("__yibao_city", out); break;
	case COMP_FILE: fputs("_files", out); break;
	case COMP_DIR: fputs("_files -/", out); break;
	case COMP_ENUM: put_enum_name(out, "__yibao_enum_", o->input); break;
	case COMP_COMMAND: fputs("__yibao_command", out); break;
	case COMP_CHOICES:
	case COMP_SHELL:
		fputc('(', out);
		each_value(m, kind, o, bash_word, out);
		fputc(')', out);
		break;
	default: fputc(' ', out); break;
	}
}

static void zsh_command(const comp_model *m, const comp_command *c, FILE *out)
{
	fprintf(out, "\t%s)\n\t\t_arguments -S", c->command->name);
	for (size_t i = 0; i < c->nopts; i++) {
		const comp_opt *o = &c->opts[i];
		bool long_name = o->name[1] == '-';
		fputs(" \\\n\t\t\t'", out);
		put_quoted(out, o->name, false);
		if (o->takes_value && long_name)
			fputc('=', out);
		fputc('[', out);
		put_zsh_spec(out, o->what);
		fputc(']', out);
		if (o->takes_value) {
			fputc(':', out);
			put_zsh_spec(out, *o->what ? o->what : o->name);
			fputc(':', out);
			zsh_action(m, o, o->kind, out);
		}
		fputc('\'', out);
	}
	if (c->positional != COMP_NONE) {
		fprintf(out, " \\\n\t\t\t'*:%s:", word("参数", "argument"));
		zsh_action(m, NULL, c->positional, out);
		fputc('\'', out);
	}
	fputs("\n\t\t;;\n", out);
}

/* The function that offers an enum's choices. */
static void zsh_enum(const comp_model *m, const comp_opt *o, FILE *out)
{
	fputc('\n', out);
	put_enum_name(out, "__yibao_enum_", o->input);
	fputs("()\n{\n\tlocal -a values\n\tvalues=(", out);
	each_value(m, COMP_ENUM, o, zsh_described, out);
	fputs(")\n\t_describe -t values '", out);
	put_quoted(out, o->what, false);
	fputs("' values\n}\n", out);
}

void comp_write_zsh(const comp_model *m, FILE *out)
{
	fputs("#compdef yibao\n# zsh", out);
	fprintf(out, header, "zsh");
	fputs("# Install it as _yibao in a folder of $fpath, or load it with:\n"
	      "# source <(yibao completion zsh)\n\n"
	      "__yibao_city()\n"
	      "{\n"
	      "\tlocal -a cities\n"
	      "\tlocal _yibao_cities='",
	      out);
	each_city(m, zsh_city, out);
	fprintf(out,
		"'\n\tcities=(${(f)_yibao_cities})\n"
		"\t_describe -t cities %s cities\n"
		"}\n\n"
		"__yibao_command()\n"
		"{\n"
		"\tlocal -a commands\n"
		"\tcommands=(",
		word("城市", "city"));
	each_value(m, COMP_COMMAND, NULL, zsh_described, out);
	fprintf(out, ")\n\t_describe -t commands %s commands\n}\n", word("命令", "command"));

	each_enum(m, zsh_enum, out);
	fprintf(out,
		"\n_yibao()\n"
		"{\n"
		"\tlocal curcontext=$curcontext state line\n"
		"\ttypeset -A opt_args\n"
		"\t_arguments -C \\\n"
		"\t\t'(- :)'{-h,--help}'[%s]' \\\n"
		"\t\t'(- :)'{-V,--version}'[%s]' \\\n"
		"\t\t'1:%s:__yibao_command' \\\n"
		"\t\t'*:: :->argument' && return 0\n"
		"\tcurcontext=${curcontext%%:*:*}:yibao-$words[1]:\n"
		"\tcase $words[1] in\n",
		word("显示帮助", "show the help"), word("显示版本", "show the version"),
		word("命令", "command"));
	for (size_t i = 0; i < m->ncommands; i++)
		zsh_command(m, &m->commands[i], out);
	fputs("\tesac\n"
	      "}\n\n"
	      "if [[ $funcstack[1] == _yibao ]]; then\n"
	      "\t_yibao \"$@\"\n"
	      "else\n"
	      "\tcompdef _yibao yibao\n"
	      "fi\n",
	      out);
}

/* ---- fish ------------------------------------------------------------------------------------ */

static void fish_word(FILE *out, const comp_value *v, bool first)
{
	if (!first)
		fputc(' ', out);
	put_quoted(out, v->value, true);
}

/* A line of a fish list: value<TAB>what. */
static void fish_line(FILE *out, const comp_value *v, bool first)
{
	if (!first)
		fputc('\n', out);
	put_quoted(out, v->value, true);
	if (v->label) {
		fputc('\t', out);
		put_what(out, v, true);
	}
}

/* -a with the values of kind, and -r or -x for an option's value. */
static void fish_values(const comp_model *m, comp_kind kind, const comp_opt *o, FILE *out)
{
	if (o)
		fputs(kind == COMP_FILE ? " -r" : " -x", out);
	switch (kind) {
	case COMP_CITY: fputs(" -a '(string split \\n -- $_yibao_cities)'", out); break;
	case COMP_FILE: fputs(" -F", out); break;
	case COMP_DIR: fputs(" -a '(__fish_complete_directories (commandline -ct))'", out); break;
	case COMP_COMMAND: fputs(" -a '(string split \\n -- $_yibao_commands)'", out); break;
	case COMP_ENUM:
		fputs(" -a '(string split \\n -- $", out);
		put_enum_name(out, "_yibao_enum_", o->input);
		fputs(")'", out);
		break;
	case COMP_CHOICES:
	case COMP_SHELL:
		fputs(" -a '", out);
		each_value(m, kind, o, fish_word, out);
		fputc('\'', out);
		break;
	default: break;
	}
}

/* The lines of an enum's choices, value<TAB>what. */
static void fish_enum(const comp_model *m, const comp_opt *o, FILE *out)
{
	fputs("set -g ", out);
	put_enum_name(out, "_yibao_enum_", o->input);
	fputs(" '", out);
	each_value(m, COMP_ENUM, o, fish_line, out);
	fputs("'\n", out);
}

void comp_write_fish(const comp_model *m, FILE *out)
{
	fputs("# fish", out);
	fprintf(out, header, "fish");
	fputs("# Install it as yibao.fish in ~/.config/fish/completions/.\n\n"
	      "set -g _yibao_cities '",
	      out);
	each_city(m, fish_line, out);
	fputs("'\nset -g _yibao_commands '", out);
	each_value(m, COMP_COMMAND, NULL, fish_line, out);
	fputs("'\n", out);
	each_enum(m, fish_enum, out);
	fputs("\n"
	      "# The command line has no command yet: yibao, and what is typed now.\n"
	      "function __yibao_needs_command\n"
	      "\tset -l words (commandline -opc)\n"
	      "\ttest (count $words) -eq 1\n"
	      "end\n\n"
	      "# The command line's command is $argv[1].\n"
	      "function __yibao_using\n"
	      "\tset -l words (commandline -opc)\n"
	      "\ttest (count $words) -ge 2; and test \"$words[2]\" = $argv[1]\n"
	      "end\n\n"
	      "complete -c yibao -f\n",
	      out);
	fprintf(out, "complete -c yibao -n __yibao_needs_command -s h -l help -d %s\n",
		word("显示帮助", "'show the help'"));
	fprintf(out, "complete -c yibao -n __yibao_needs_command -s V -l version -d %s\n",
		word("显示版本", "'show the version'"));
	fputs("complete -c yibao -n __yibao_needs_command -a '(string split \\n -- $_yibao_commands)'\n",
	      out);
	for (size_t i = 0; i < m->ncommands; i++) {
		const comp_command *c = &m->commands[i];
		fputc('\n', out);
		for (size_t k = 0; k < c->nopts; k++) {
			const comp_opt *o = &c->opts[k];
			fprintf(out, "complete -c yibao -n '__yibao_using %s' %s %s",
				c->command->name, o->name[1] == '-' ? "-l" : "-s",
				o->name + (o->name[1] == '-' ? 2 : 1));
			if (o->takes_value)
				fish_values(m, o->kind, o, out);
			if (*o->what) {
				fputs(" -d '", out);
				put_quoted(out, o->what, true);
				fputc('\'', out);
			}
			fputc('\n', out);
		}
		if (c->positional != COMP_NONE) {
			fprintf(out, "complete -c yibao -n '__yibao_using %s'", c->command->name);
			fish_values(m, c->positional, NULL, out);
			fputc('\n', out);
		}
	}
}
