/*
 * render_text.c - an answer in Chinese for a person at a terminal.
 *
 * Layout: the route in one line, then the sections (preconditions, numbered steps grouped by
 * online/offline and by side, a checklist of materials, deadlines, warnings, other notes), the
 * facts still needed, and the sources as numbered footnotes. An item from a province or city
 * layer says so (（湖南省规定）); an item that holds only under some values of a fact the user
 * did not give starts with that condition (〔职工医保〕).
 */
#include <string.h>

#include "date.h"
#include "error.h"
#include "mem.h"
#include "render.h"

typedef struct {
	yb_buf *b;
	const yb_answer *a;
	const yb_source_list *sources;
	bool color;
	bool explain; /* name the layer and rule of every item, and show the path taken */
	/* The last condition label worked out: items come in runs under the same condition. */
	uint64_t label_worlds;
	char label[1024];
} text_ctx;

static const char *const BOLD = "\033[1m", *const DIM = "\033[2m", *const YELLOW = "\033[33m",
		  *const CYAN = "\033[36m", *const RESET = "\033[0m";

static void style(text_ctx *t, const char *code)
{
	if (t->color)
		yb_buf_puts(t->b, code);
}

static void heading(text_ctx *t, const char *title)
{
	yb_buf_putc(t->b, '\n');
	style(t, BOLD);
	yb_buf_puts(t->b, title);
	style(t, RESET);
	yb_buf_putc(t->b, '\n');
}

/* " [1][3]" after an item. */
static void footnotes(text_ctx *t, const yb_source *const *s, size_t n)
{
	if (!n)
		return;
	style(t, DIM);
	yb_buf_putc(t->b, ' ');
	for (size_t i = 0; i < n; i++)
		yb_buf_printf(t->b, "[%zu]", yb_source_number(t->sources, s[i]));
	style(t, RESET);
}

/* 〔职工医保 / 灵活就业人员〕 before an item that holds only in some worlds. */
static void condition(text_ctx *t, const yb_answer_item *ai)
{
	if (yb_answer_item_always(t->a, ai))
		return;
	if (!t->label[0] || t->label_worlds != ai->worlds) {
		yb_condition_label(t->a, ai->worlds, t->label, sizeof(t->label));
		t->label_worlds = ai->worlds;
	}
	style(t, CYAN);
	yb_buf_printf(t->b, "〔%s〕", t->label);
	style(t, RESET);
}

/* （湖南省规定）（未经官方文件证实） after an item. */
static void provenance(text_ctx *t, const yb_answer_item *ai)
{
	if (ai->layer->level != LEVEL_NATIONAL) {
		style(t, DIM);
		yb_buf_printf(t->b, "（%s规定）", ai->layer->area_name);
		style(t, RESET);
	}
	if (ai->item->in_force_from || ai->item->in_force_until) {
		char from[11], until[11];
		yb_date_format(ai->item->in_force_from, from);
		yb_date_format(ai->item->in_force_until, until);
		style(t, DIM);
		if (ai->item->in_force_from && ai->item->in_force_until)
			yb_buf_printf(t->b, "（适用于 %s 至 %s）", from, until);
		else if (ai->item->in_force_from)
			yb_buf_printf(t->b, "（%s 起适用）", from);
		else
			yb_buf_printf(t->b, "（适用至 %s）", until);
		style(t, RESET);
	}
	if (t->explain) {
		style(t, DIM);
		yb_buf_printf(t->b, "〈%s · %s:%d〉", yb_layer_label(ai->layer), ai->item->pos.file,
			      ai->item->pos.line);
		style(t, RESET);
	}
	if (ai->item->unconfirmed) {
		style(t, YELLOW);
		yb_buf_puts(t->b, "（未经官方文件证实）");
		style(t, RESET);
	}
}

/* 10 个工作日内（2026-12-07 前）; 5 个工作日内（接“办理转出”办结后起算，2026-12-14 前）. */
static void deadline(text_ctx *t, const yb_answer_item *ai)
{
	const yb_deadline *d = &ai->item->deadline;
	bool counted = true;
	if (d->working_days >= 0)
		yb_buf_printf(t->b, "%d 个工作日内", d->working_days);
	else if (d->days)
		yb_buf_printf(t->b, "%d 日内", d->days);
	else if (d->months)
		yb_buf_printf(t->b, "%d 个月内", d->months);
	else
		counted = false;
	if (d->from.zh)
		yb_buf_printf(t->b, "（从%s起算）", d->from.zh);
	if (ai->due) {
		char due[11];
		yb_date_format(ai->due, due);
		yb_buf_puts(t->b, "（");
		if (ai->after >= 0)
			yb_buf_printf(t->b, "接“%s”办结后起算，",
				      yb_text_zh(t->a->items[ai->after].item->title));
		style(t, BOLD);
		yb_buf_printf(t->b, "%s 前", due);
		style(t, RESET);
		yb_buf_puts(t->b, "）");
	}
	if (d->text.zh)
		yb_buf_printf(t->b, "%s%s", counted ? "，" : "", d->text.zh);
}

static const char *path_title(yb_path p)
{
	return p == PATH_ONLINE ? "线上办理" : p == PATH_OFFLINE ? "线下办理" : "线上线下都适用";
}

/* 转出地（常德市） */
static void side_label(text_ctx *t, int side)
{
	const yb_city *city = yb_side_city(t->a, side);
	yb_buf_puts(t->b, yb_text_zh(t->a->proc->sides[side].label));
	if (city)
		yb_buf_printf(t->b, "（%s）", city->name);
}

static void steps(text_ctx *t, const yb_answer_item **items, size_t n)
{
	int path = -1, side = -2;
	size_t number = 0;
	bool paths = false;
	for (size_t i = 0; i < n; i++)
		if (items[i]->item->path != PATH_ANY)
			paths = true;
	if (!n)
		return;
	heading(t, "办理步骤");
	for (size_t i = 0; i < n; i++) {
		const yb_item *it = items[i]->item;
		if (paths && (int)it->path != path) {
			path = (int)it->path;
			side = -2;
			number = 0;
			yb_buf_puts(t->b, "  ");
			style(t, BOLD);
			yb_buf_puts(t->b, path_title(it->path));
			style(t, RESET);
			yb_buf_putc(t->b, '\n');
		}
		const char *indent = paths ? "    " : "  ";
		if (it->side != side && it->side >= 0) {
			yb_buf_printf(t->b, "%s", indent);
			style(t, BOLD);
			side_label(t, it->side);
			style(t, RESET);
			yb_buf_putc(t->b, '\n');
		}
		side = it->side;
		yb_buf_printf(t->b, "%s%zu. ", indent, ++number);
		condition(t, items[i]);
		yb_buf_puts(t->b, yb_text_zh(it->title));
		provenance(t, items[i]);
		footnotes(t, it->sources, it->nsources);
		yb_buf_putc(t->b, '\n');
		if (it->text.zh)
			yb_buf_printf(t->b, "%s   %s\n", indent, it->text.zh);
		if (it->nchannels) {
			yb_buf_printf(t->b, "%s   渠道：", indent);
			for (size_t k = 0; k < it->nchannels; k++) {
				const yb_channel *ch = it->channels[k];
				const char *where = it->channel_paths[k].zh ? it->channel_paths[k].zh
									    : ch->path.zh;
				yb_buf_printf(t->b, "%s%s", k ? "；" : "", yb_text_zh(ch->name));
				if (where)
					yb_buf_printf(t->b, "（%s）", where);
			}
			yb_buf_putc(t->b, '\n');
		}
		if (it->deadline.present) {
			yb_buf_printf(t->b, "%s   时限：", indent);
			deadline(t, items[i]);
			footnotes(t, it->deadline.sources, it->deadline.nsources);
			yb_buf_putc(t->b, '\n');
		}
	}
}

static void materials(text_ctx *t, const yb_answer_item **items, size_t n)
{
	int path = -1;
	bool paths = false;
	for (size_t i = 0; i < n; i++)
		if (items[i]->item->path != PATH_ANY)
			paths = true;
	if (!n)
		return;
	heading(t, "所需材料");
	for (size_t i = 0; i < n; i++) {
		const yb_item *it = items[i]->item;
		if (paths && (int)it->path != path) {
			path = (int)it->path;
			yb_buf_printf(t->b, "  %s：\n", path_title(it->path));
		}
		yb_buf_printf(t->b, "%s□ ", paths ? "    " : "  ");
		condition(t, items[i]);
		yb_buf_puts(t->b, yb_text_zh(it->material->name));
		if (it->text.zh)
			yb_buf_printf(t->b, "（%s）", it->text.zh);
		if (it->side >= 0) {
			yb_buf_puts(t->b, " — ");
			side_label(t, it->side);
		}
		provenance(t, items[i]);
		footnotes(t, it->sources, it->nsources);
		yb_buf_putc(t->b, '\n');
	}
}

static void deadlines(text_ctx *t, const yb_answer_item **items, size_t n)
{
	if (!n)
		return;
	heading(t, "办理时限");
	for (size_t i = 0; i < n; i++) {
		const yb_item *it = items[i]->item;
		yb_buf_puts(t->b, "  • ");
		condition(t, items[i]);
		yb_buf_printf(t->b, "%s：", yb_text_zh(it->title));
		deadline(t, items[i]);
		if (it->side >= 0) {
			yb_buf_puts(t->b, " — ");
			side_label(t, it->side);
		}
		provenance(t, items[i]);
		footnotes(t, it->sources, it->nsources);
		yb_buf_putc(t->b, '\n');
	}
}

static void notes(text_ctx *t, const char *title, const char *bullet, const yb_answer_item **items,
		  size_t n)
{
	if (!n)
		return;
	heading(t, title);
	for (size_t i = 0; i < n; i++) {
		const yb_item *it = items[i]->item;
		yb_buf_printf(t->b, "  %s ", bullet);
		condition(t, items[i]);
		if (it->title.zh) {
			style(t, BOLD);
			yb_buf_printf(t->b, "%s：", it->title.zh);
			style(t, RESET);
		}
		yb_buf_puts(t->b, yb_text_zh(it->text));
		provenance(t, items[i]);
		footnotes(t, it->sources, it->nsources);
		yb_buf_putc(t->b, '\n');
	}
}

static void verdicts(text_ctx *t, const yb_answer_item **items, size_t n)
{
	static const char *const names[][2] = {{"true", "能"}, {"false", "不能"},
					       {"partial", "部分可以"}, {"depends", "视情况而定"}};
	if (!n)
		return;
	heading(t, "结论");
	for (size_t i = 0; i < n; i++) {
		const yb_item *it = items[i]->item;
		const char *value = it->verdict_value;
		for (size_t k = 0; k < 4; k++)
			if (!strcmp(names[k][0], value))
				value = names[k][1];
		yb_buf_puts(t->b, "  ");
		condition(t, items[i]);
		/* The question the verdict answers, as a person asks it. */
		const char *asked = !strcmp(it->verdict_key, "refundable") ? "能否退费"
				    : !strcmp(it->verdict_key, "covered")  ? "医保能否报销"
									   : it->verdict_key;
		style(t, BOLD);
		yb_buf_printf(t->b, "%s：%s", asked, value);
		style(t, RESET);
		yb_buf_printf(t->b, "。%s", yb_text_zh(it->text));
		provenance(t, items[i]);
		footnotes(t, it->sources, it->nsources);
		yb_buf_putc(t->b, '\n');
	}
}

static void estimates(text_ctx *t, const yb_answer_item **items, size_t n)
{
	char ded[32], ratio[32], cost[32], paid[32];
	if (!n)
		return;
	heading(t, "费用估算");
	for (size_t i = 0; i < n; i++) {
		const yb_item *it = items[i]->item;
		yb_estimate e = yb_estimate_for(t->a, it);
		yb_format_number(ded, sizeof(ded), it->deductible);
		yb_format_number(ratio, sizeof(ratio), it->ratio * 100);
		yb_buf_puts(t->b, "  • ");
		condition(t, items[i]);
		yb_buf_printf(t->b, "%s：", yb_text_zh(it->title));
		if (it->deductible > 0)
			yb_buf_printf(t->b, "起付标准 %s 元，超过部分", ded);
		else
			yb_buf_puts(t->b, "不设起付标准，");
		yb_buf_printf(t->b, "报销 %s%%", ratio);
		provenance(t, items[i]);
		footnotes(t, it->sources, it->nsources);
		yb_buf_putc(t->b, '\n');
		if (!e.known) {
			yb_buf_printf(t->b, "    估算报销额：加 %s 费用（元）\n", it->of->flag);
			continue;
		}
		yb_format_number(cost, sizeof(cost), e.cost);
		yb_format_number(paid, sizeof(paid), e.paid);
		if (e.cost <= it->deductible)
			yb_buf_printf(t->b, "    按 %s 元估算：未超过起付标准 %s 元，统筹基金不支付\n",
				      cost, ded);
		else if (it->deductible > 0)
			yb_buf_printf(t->b, "    按 %s 元估算：(%s − %s) × %s%% = %s 元\n", cost, cost, ded,
				      ratio, paid);
		else
			yb_buf_printf(t->b, "    按 %s 元估算：%s × %s%% = %s 元\n", cost, cost, ratio,
				      paid);
	}
}

static void waits(text_ctx *t, const yb_answer_item **items, size_t n)
{
	char start[11], gap[32];
	if (!n)
		return;
	heading(t, "待遇等待期");
	for (size_t i = 0; i < n; i++) {
		const yb_item *it = items[i]->item;
		const yb_wait_rule *r = &it->wait;
		yb_wait w = yb_wait_for(t->a, it);
		yb_buf_puts(t->b, "  • ");
		condition(t, items[i]);
		yb_buf_puts(t->b, yb_text_zh(it->title));
		provenance(t, items[i]);
		footnotes(t, it->sources, it->nsources);
		yb_buf_putc(t->b, '\n');
		bool grace = r->grace_months || r->max_months;
		if (!w.known) {
			if (grace)
				yb_buf_printf(t->b,
					      "    中断不超过 %d 个月：补缴后从补缴当月起享受待遇，中断期间可追溯；"
					      "超过 %d 个月：参保地可设等待期，最长 %d 个月\n",
					      r->grace_months, r->grace_months, r->max_months);
			else
				yb_buf_printf(t->b,
					      "    固定 %d 个月，断保第 2 年起每多 1 年加 %d 个月，每补缴 1 年减 "
					      "%d 个月；断保 %d 年及以上合计不少于 %d 个月\n",
					      r->fixed_months, r->per_gap_year, r->back_pay_credit,
					      r->floor_gap_years, r->floor_months);
			yb_buf_printf(t->b, "    计算等待期：加 %s 或 %s\n", r->gap_months->flag,
				      r->gap_years->flag);
			continue;
		}
		yb_format_number(gap, sizeof(gap), w.gap_months);
		yb_date_format(w.start, start);
		if (grace && w.within_grace) {
			yb_buf_printf(t->b,
				      "    中断 %s 个月，不超过 %d 个月：按规定补缴后，从补缴当月起享受待遇，"
				      "中断期间的待遇可以追溯\n",
				      gap, r->grace_months);
			yb_buf_printf(t->b, "    待遇起始：%.7s（补缴当月）\n", start);
		} else if (grace) {
			yb_buf_printf(t->b,
				      "    中断 %s 个月，超过 %d 个月：参保地可以设待遇等待期，最长 %d 个月\n",
				      gap, r->grace_months, r->max_months);
			yb_buf_printf(t->b, "    待遇最晚从 %s 起享受（具体以参保地规定为准）\n", start);
		} else {
			int further = w.gap_years > 1 ? w.gap_years - 1 : 0;
			yb_buf_printf(t->b, "    断保 %d 年：%d + %d = %d 个月（固定 %d 个月", w.gap_years,
				      r->fixed_months, w.variable, r->fixed_months + w.variable,
				      r->fixed_months);
			yb_buf_printf(t->b, "；第 1 年之后 %d 年，每年加 %d 个月：+%d", further,
				      r->per_gap_year, further * r->per_gap_year);
			if (w.back_paid)
				yb_buf_printf(t->b, "；补缴 %d 年，每年减 %d 个月：−%d", w.back_paid,
					      r->back_pay_credit, w.back_paid * r->back_pay_credit);
			if (further * r->per_gap_year < w.back_paid * r->back_pay_credit)
				yb_buf_puts(t->b, "；加长部分最少为 0");
			yb_buf_puts(t->b, "）");
			if (w.floored)
				yb_buf_printf(t->b, "；断保 %d 年及以上合计不少于 %d 个月，按 %d 个月",
					      r->floor_gap_years, r->floor_months, w.months);
			yb_buf_putc(t->b, '\n');
			yb_buf_printf(t->b, "    待遇从 %s 起享受（等待 %d 个月）\n", start, w.months);
		}
	}
}

static void header(text_ctx *t)
{
	const yb_answer *a = t->a;
	char date[11];
	style(t, BOLD);
	yb_buf_puts(t->b, yb_text_zh(a->proc->title));
	style(t, RESET);
	yb_buf_putc(t->b, '\n');
	if (a->fallback) {
		style(t, YELLOW);
		yb_buf_printf(t->b, "注意：本回答来自内置规则库 %s，不是已安装的更新（%s）\n",
			      a->corpus->version, a->fallback);
		style(t, RESET);
	}
	if (a->route) {
		const yb_city *from = a->place[PLACE_FROM], *to = a->place[PLACE_TO];
		yb_buf_printf(t->b, "%s（%s）→ %s（%s）：%s\n", from->name, from->province->name,
			      to->name, to->province->name, yb_text_zh(a->route->label));
	} else if (a->place[PLACE_CITY]) {
		const yb_city *c = a->place[PLACE_CITY];
		yb_buf_printf(t->b, "%s（%s）\n", c->name, c->province->name);
	}
	for (size_t i = 0; i < a->ngiven; i++) {
		const yb_given *g = &a->given[i];
		const char *value = g->enum_value ? yb_text_zh(g->enum_value->label) : g->value;
		if (g->fact->kind == FACT_BOOL)
			value = strcmp(g->value, "true") == 0 ? "是" : "否";
		yb_buf_printf(t->b, "%s：%s", yb_text_zh(g->fact->label), value);
		if (g->note.zh)
			yb_buf_printf(t->b, "（您填写的“%s”：%s）", g->typed, g->note.zh);
		if (g->by_default && g->fact->kind == FACT_BOOL)
			yb_buf_printf(t->b, "（未加 %s）", g->fact->flag);
		else if (g->by_default)
			yb_buf_printf(t->b, "（未指定，按默认；其他情形用 %s）", g->fact->flag);
		yb_buf_putc(t->b, '\n');
	}
	bool due = false;
	for (size_t i = 0; i < a->nitems && !due; i++)
		due = a->items[i].due != 0;
	if (due || a->date_given) {
		yb_date_format(a->date, date);
		yb_buf_printf(t->b, "办理日期：%s%s%s\n", date, a->date_given ? "" : "（今天，可用 --date 指定）",
			      due ? "；下面的到期日从这天起算" : "");
	}
	if (a->uncovered_year) {
		style(t, YELLOW);
		yb_buf_printf(t->b, "注意：规则库未收录 %d 年的节假日安排，该年的到期日只按周末推算。\n",
			      a->uncovered_year);
		style(t, RESET);
	}
	if (a->nquestions) {
		style(t, YELLOW);
		yb_buf_puts(t->b, "尚缺条件，下面分情况列出，标注〔…〕的内容只适用于该情形；"
				  "补充条件见文末。\n");
		style(t, RESET);
	}
}

/* --explain: each decision of the walk, the value it tested and where that value came from. */
static void explanation(text_ctx *t)
{
	const yb_answer *a = t->a;
	char value[512], cond[512];
	if (!t->explain)
		return;
	heading(t, "判断过程");
	if (!a->ntrace)
		yb_buf_puts(t->b, "  （这个回答不需要判断任何条件）\n");
	for (size_t i = 0; i < a->ntrace; i++) {
		const yb_trace_step *s = &a->trace[i];
		const yb_node *n = s->node;
		yb_trace_value(a, s, value, sizeof(value));
		yb_buf_printf(t->b, "  %zu. ", i + 1);
		if (s->origin != ORIGIN_ASSUMED) {
			yb_answer_item probe = {NULL, NULL, s->worlds, 0, -1};
			if (!yb_answer_item_always(a, &probe)) {
				yb_condition_label(a, s->worlds, cond, sizeof(cond));
				yb_buf_printf(t->b, "〔%s〕", cond);
			}
		}
		/* Derived, default and assumed values say where they came from themselves. */
		yb_buf_printf(t->b, "%s规则 %s:%d 看%s：%s%s\n", yb_layer_label(s->layer),
			      n->pos.file, n->pos.line, yb_text_zh(n->test->label), value,
			      s->origin == ORIGIN_FLAG ? "（命令行给出）" : "");
		if (s->branch < (int)n->ncases)
			yb_buf_printf(t->b, "     → 走第 %d 个分支（%s:%d）\n", s->branch + 1,
				      n->cases[s->branch].pos.file, n->cases[s->branch].pos.line);
		else if (n->otherwise)
			yb_buf_printf(t->b, "     → 走默认分支（%s:%d）\n", n->otherwise->pos.file,
				      n->otherwise->pos.line);
		else
			yb_buf_puts(t->b, "     → 没有匹配的分支，这一层到此为止\n");
	}
}

static void questions(text_ctx *t)
{
	const yb_answer *a = t->a;
	if (!a->nquestions)
		return;
	heading(t, "需要补充的信息");
	for (size_t i = 0; i < a->nquestions; i++) {
		const yb_fact *f = a->questions[i];
		yb_buf_printf(t->b, "  • %s", yb_text_zh(f->question.zh ? f->question : f->label));
		if (f->flag && !f->nvalues && f->kind != FACT_BOOL) {
			yb_buf_printf(t->b, " %s", f->flag);
		} else if (f->flag) {
			yb_buf_printf(t->b, " %s ", f->flag);
			for (size_t k = 0; k < f->nvalues; k++)
				yb_buf_printf(t->b, "%s%s（%s）", k ? " | " : "", f->values[k].id,
					      yb_text_zh(f->values[k].label));
			if (f->kind == FACT_BOOL)
				yb_buf_puts(t->b, "yes | no");
		}
		yb_buf_putc(t->b, '\n');
	}
}

static void source_list(text_ctx *t)
{
	if (!t->sources->n)
		return;
	heading(t, "来源");
	for (size_t i = 0; i < t->sources->n; i++) {
		const yb_source *s = t->sources->sources[i];
		yb_buf_printf(t->b, "  [%zu] ", i + 1);
		if (s->kind != SOURCE_SEED) {
			yb_buf_printf(t->b, "《%s》%s", yb_text_zh(s->title),
				      s->number ? s->number : "");
			if (s->issuer)
				yb_buf_printf(t->b, "，%s", s->issuer);
			if (s->date)
				yb_buf_printf(t->b, "，%s", s->date);
		} else {
			yb_buf_printf(t->b, "资料 %s「%s」", s->file, s->heading);
			if (s->title.zh)
				yb_buf_printf(t->b, "，《%s》", s->title.zh);
			if (s->date)
				yb_buf_printf(t->b, "，%s", s->date);
		}
		if (s->url)
			yb_buf_printf(t->b, " %s", s->url);
		if (s->read)
			yb_buf_printf(t->b, "（%s 查阅）", s->read);
		if (s->unconfirmed) {
			style(t, YELLOW);
			yb_buf_puts(t->b, "（未经官方文件证实）");
			style(t, RESET);
		}
		yb_buf_putc(t->b, '\n');
	}
}

yb_status yb_answer_render_text(const yb_answer *a, unsigned flags, yb_write_fn write, void *ctx,
				yb_error *err)
{
	yb_buf b = {0};
	yb_layout l;
	size_t n;
	const yb_answer_item **items;
	if (yb_layout_make(a, &l) != 0)
		return yb_err_nomem(err);
	text_ctx t = {&b, a, &l.sources, (flags & YB_RENDER_COLOR) != 0,
		      (flags & YB_RENDER_EXPLAIN) != 0};

	header(&t);
	items = yb_layout_section(&l, SECTION_VERDICT, &n);
	verdicts(&t, items, n);
	items = yb_layout_section(&l, SECTION_ESTIMATES, &n);
	estimates(&t, items, n);
	items = yb_layout_section(&l, SECTION_WAITS, &n);
	waits(&t, items, n);
	items = yb_layout_section(&l, SECTION_PRECONDITIONS, &n);
	notes(&t, "前提条件", "!", items, n);
	items = yb_layout_section(&l, SECTION_STEPS, &n);
	steps(&t, items, n);
	items = yb_layout_section(&l, SECTION_MATERIALS, &n);
	materials(&t, items, n);
	items = yb_layout_section(&l, SECTION_DEADLINES, &n);
	deadlines(&t, items, n);
	items = yb_layout_section(&l, SECTION_WARNINGS, &n);
	notes(&t, "注意事项", "!", items, n);
	items = yb_layout_section(&l, SECTION_INFO, &n);
	notes(&t, "说明", "•", items, n);
	questions(&t);
	explanation(&t);
	source_list(&t);

	yb_layout_free(&l);
	return yb_render_finish(&b, write, ctx, err);
}
