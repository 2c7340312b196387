/*
 * lang.c - the language yibao speaks to a person: its help, its messages on stderr and the
 * answers it prints. One choice a run, made before the command reads its options, so that a
 * refused option is refused in the language the person asked for.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "error.h"

const char *const cli_langs[] = {"zh", "en", NULL};

static bool english;

bool cli_english(const char *lang, bool json)
{
	static const char *const locale[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	if (lang)
		return !strcmp(lang, "en");
	if (json)
		return false;
	for (size_t i = 0; i < sizeof(locale) / sizeof(locale[0]); i++) {
		const char *v = getenv(locale[i]);
		if (v && *v)
			return !strncmp(v, "en", 2);
	}
	return false;
}

void cli_lang_choose(const char *lang, const char *format)
{
	if (lang && strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0)
		lang = NULL;
	english = cli_english(lang, format && !strcmp(format, "json"));
}

bool cli_in_english(void)
{
	return english;
}

const char *cli_text_of(const cli_text *t)
{
	return english && t->en ? t->en : t->zh;
}

const char *cli_strerror(int e)
{
	return english ? yb_strerror_en(e) : yb_strerror(e);
}

const char *cli_input_label(const yb_input *in)
{
	return english && in->label_en ? in->label_en : in->label;
}

const char *cli_choice_label(const yb_input_choice *ch)
{
	return english && ch->label_en ? ch->label_en : ch->label;
}
