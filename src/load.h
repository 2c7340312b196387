/*
 * load.h - loading a corpus from YAML: the entry points beyond the public ones (yibao.h), and
 * the loaders of each kind of corpus file, which load.c calls in its fixed order.
 */
#ifndef YB_LOAD_H
#define YB_LOAD_H

#include "corpus.h"
#include "lint_sink.h"
#include "yamlread.h"

/* Loads for yb_lint(): every problem goes to the sink; the corpus is returned whenever it could
 * be built at all, so that the checks on the model can run too. */
yb_status yb_corpus_open_for_lint(const char *dir, yb_lint_sink *sink, yb_corpus **out,
				  yb_error *err);

/* Loads the YAML copy of rules/ embedded in the binary, as yb_corpus_open_dir() loads a folder.
 * The compiled image answers queries; this is for comparing the two and for `yibao lint`. */
yb_status yb_corpus_open_embedded_yaml(const char *procedure, yb_corpus **out, yb_error *err);

/* gazetteer_load.c: loads gazetteer/cities.yaml's tree into the corpus. */
yb_status yb_gazetteer_load(yb_loader *L, const ynode *root);

/* calendar_load.c: loads one calendar/YEAR.yaml. */
yb_status yb_calendar_load(yb_loader *L, const ynode *root);

/* load_tree.c: appends a province file's list of layers for one procedure to it: province and
 * city layers of that province only, kept in order national, provinces, cities. */
yb_status yb_layers_append(yb_loader *L, const ynode *list, const yb_province *within,
			   yb_procedure *proc);

/* load_tree.c: loads a procedure file's tree into the corpus. */
yb_status yb_procedure_load(yb_loader *L, const ynode *root, yb_ref expect_id,
			    yb_procedure *out);

#endif
