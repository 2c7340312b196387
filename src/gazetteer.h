/*
 * gazetteer.h - resolving a place from what a person types: a pinyin slug (changsha), a short
 * or full Chinese name (长沙, 长沙市) or an adcode (430100).
 */
#ifndef YB_GAZETTEER_H
#define YB_GAZETTEER_H

#include "corpus.h"
#include "error.h"

/* Resolves a place name in the corpus; the error message is for a user (Chinese). */
const yb_city *yb_gazetteer_find(const yb_corpus *c, const char *name, yb_error *err);
const yb_province *yb_gazetteer_find_province(const yb_corpus *c, const char *name);

/* A city as the public API describes it (yibao.h). */
void yb_city_fill(const yb_corpus *c, yb_city_info *out, const yb_city *city);

#endif
