/*
 * completion.h - shell completion: what `yibao completion` learns from the command
 * (cmd_completion.c), and the scripts written from it for bash, zsh and fish
 * (completion_script.c).
 */
#ifndef YB_CLI_COMPLETION_H
#define YB_CLI_COMPLETION_H

#include <stdio.h>

#include "cli.h"

/* What an option's value, or a command's positional argument, is. */
typedef enum comp_kind {
	COMP_NONE,    /* anything: nothing to offer (a date, a number, a URL) */
	COMP_CHOICES, /* one of the option's fixed choices (--format text|json) */
	COMP_ENUM,    /* one of a procedure input's choices, from the corpus (--type, --case) */
	COMP_CITY,    /* a city of the gazetteer */
	COMP_FILE,
	COMP_DIR,
	COMP_COMMAND, /* a yibao command (yibao help COMMAND) */
	COMP_SHELL    /* bash, zsh or fish */
} comp_kind;

enum { COMP_MAX_COMMANDS = 32, COMP_MAX_OPTS = 2 * CLI_MAX_SLOTS + 1, COMP_MAX_CHOICES = 512 };

typedef struct comp_opt {
	const char *name;  /* "--from", "-o" */
	const char *what;  /* Chinese, a few words: the input's label, or "" */
	bool takes_value;  /* false: a switch */
	int slot;          /* two names of one option share it */
	comp_kind kind;    /* of its value */
	const char *const *choices; /* COMP_CHOICES */
	size_t nchoices;
	const char *input; /* COMP_ENUM: the input whose choices it takes ("type") */
} comp_opt;

typedef struct comp_command {
	const cli_command *command;
	comp_opt opts[COMP_MAX_OPTS]; /* in the parser's order, --help last */
	size_t nopts;
	comp_kind positional; /* COMP_NONE: it takes none, or none worth completing */
	bool described;       /* its parser handed over its table */
} comp_command;

typedef struct comp_model {
	yb_corpus *corpus;
	comp_command commands[COMP_MAX_COMMANDS]; /* in the command table's order */
	size_t ncommands;
	const char *choices[COMP_MAX_CHOICES];    /* the options' fixed choices */
	size_t nchoices;
	struct block *strings;                    /* what the strings above point into */
	bool failed;                              /* out of memory */
} comp_model;

/* A value to offer, and what it is: for zsh's and fish's descriptions. */
typedef struct comp_value {
	const char *value; /* NULL: this name does not resolve alone (a shared slug) */
	const char *label; /* 长沙市 for changsha; changsha for 长沙; 职工医保 for employee */
	const char *more;  /* 湖南省, or NULL */
} comp_value;

/* The names of the i-th city of the gazetteer that the command accepts for it alone, its
 * pinyin and its Chinese name: 1, or 0 past the last city. */
size_t comp_city_names(const comp_model *m, size_t i, comp_value *latin, comp_value *chinese);

void comp_write_bash(const comp_model *m, FILE *out);
void comp_write_zsh(const comp_model *m, FILE *out);
void comp_write_fish(const comp_model *m, FILE *out);

#endif
