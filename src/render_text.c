/*
 * render_text.c - an answer in Chinese for a person at a terminal.
 *
 * Layout: the conclusion first, in a few lines (the verdict, where to apply, the date everything
 * is due by, what is still unknown), so that a person who reads no further has the answer; then
 * the details (preconditions, numbered steps grouped by online/offline and by side, a checklist
 * of materials, deadlines, warnings, other notes), the facts still needed, and the sources as
 * numbered footnotes. A caveat stands where it applies: the calendar's beside the due date. An item from a province or city
 * layer says so (（湖南省规定）); an item that holds only under some values of a fact the user
 * did not give starts with that condition (〔职工医保〕).
 */
#include <stdbool.h>
#include <string.h>

#include "error.h"
#include "render.h"

typedef struct {
	yb_buf *b;
	const yb_answer *a;
	bool color;
	bool explain; /* name the layer and rule of every item, and show the path taken */
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
static void footnotes(text_ctx *t, const yb_source_info *const *s, size_t n)
{
	if (!n)
		return;
	style(t, DIM);
	yb_buf_putc(t->b, ' ');
	for (size_t i = 0; i < n; i++)
		yb_buf_printf(t->b, "[%zu]", s[i]->n);
	style(t, RESET);
}

/* 〔职工医保 / 灵活就业人员〕 before an item that holds only in some alternatives. */
static void condition(text_ctx *t, const yb_entry *e)
{
	if (!e->condition.zh)
		return;
	style(t, CYAN);
	yb_buf_printf(t->b, "〔%s〕", e->condition.zh);
	style(t, RESET);
}

/* （湖南省规定）or（湖南省）, then（未经官方文件证实）, after an item. A province's item that no
 * official text confirms is that province's practice as reported, not its regulation. */
static void provenance(text_ctx *t, const yb_entry *e)
{
	if (e->layer.level != YB_LEVEL_NATIONAL) {
		style(t, DIM);
		yb_buf_printf(t->b, e->unconfirmed ? "（%s）" : "（%s规定）", yb_zh(e->layer.name));
		style(t, RESET);
	}
	if (e->in_force_from || e->in_force_until) {
		style(t, DIM);
		if (e->in_force_from && e->in_force_until)
			yb_buf_printf(t->b, "（适用于 %s 至 %s）", e->in_force_from, e->in_force_until);
		else if (e->in_force_from)
			yb_buf_printf(t->b, "（%s 起适用）", e->in_force_from);
		else
			yb_buf_printf(t->b, "（适用至 %s）", e->in_force_until);
		style(t, RESET);
	}
	if (t->explain) {
		style(t, DIM);
		yb_buf_printf(t->b, "〈%s · %s:%d〉", yb_zh(e->layer.name), e->rule, e->line);
		style(t, RESET);
	}
	if (e->unconfirmed) {
		style(t, YELLOW);
		yb_buf_puts(t->b, "（未经官方文件证实）");
		style(t, RESET);
	}
}

/* 10 个工作日内（2026-12-07 前）; 5 个工作日内（接“办理转出”办结后起算，2026-12-14 前）. */
static void deadline(text_ctx *t, const yb_deadline_info *d)
{
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
	if (d->due) {
		yb_buf_puts(t->b, "（");
		if (d->after)
			yb_buf_printf(t->b, "接“%s”办结后起算，", yb_zh(d->after->title));
		style(t, BOLD);
		yb_buf_printf(t->b, "%s 前", d->due);
		style(t, RESET);
		yb_buf_puts(t->b, "）");
	}
	if (d->text.zh)
		yb_buf_printf(t->b, "%s%s", counted ? "，" : "", d->text.zh);
}

static const char *path_title(yb_path_kind p)
{
	return p == YB_PATH_ONLINE ? "线上办理" : p == YB_PATH_OFFLINE ? "线下办理" : "线上线下都适用";
}

/* 转出地（常德市） */
static void side_label(text_ctx *t, const yb_side_info *side)
{
	yb_buf_puts(t->b, yb_zh(side->label));
	if (side->city)
		yb_buf_printf(t->b, "（%s）", side->city->name);
}

/* Whether the entries of a list are split by path (online, offline). */
static bool by_path(const yb_answer *a, yb_answer_list list)
{
	for (size_t i = 0; i < yb_answer_count(a, list); i++)
		if (yb_answer_entry(a, list, i)->path != YB_PATH_ANY)
			return true;
	return false;
}

static void steps(text_ctx *t)
{
	size_t n = yb_answer_count(t->a, YB_LIST_STEPS);
	int path = -1;
	const yb_side_info *side = NULL;
	size_t number = 0;
	bool paths = by_path(t->a, YB_LIST_STEPS);
	if (!n)
		return;
	heading(t, "办理步骤");
	for (size_t i = 0; i < n; i++) {
		const yb_entry *e = yb_answer_entry(t->a, YB_LIST_STEPS, i);
		if (paths && (int)e->path != path) {
			path = (int)e->path;
			side = NULL;
			number = 0;
			yb_buf_puts(t->b, "  ");
			style(t, BOLD);
			yb_buf_puts(t->b, path_title(e->path));
			style(t, RESET);
			yb_buf_putc(t->b, '\n');
		}
		const char *indent = paths ? "    " : "  ";
		if (e->side && e->side != side) {
			yb_buf_printf(t->b, "%s", indent);
			style(t, BOLD);
			side_label(t, e->side);
			style(t, RESET);
			yb_buf_putc(t->b, '\n');
		}
		side = e->side;
		yb_buf_printf(t->b, "%s%zu. ", indent, ++number);
		condition(t, e);
		yb_buf_puts(t->b, yb_zh(e->title));
		provenance(t, e);
		footnotes(t, e->sources, e->nsources);
		yb_buf_putc(t->b, '\n');
		if (e->text.zh)
			yb_buf_printf(t->b, "%s   %s\n", indent, e->text.zh);
		if (e->nchannels) {
			yb_buf_printf(t->b, "%s   渠道：", indent);
			for (size_t k = 0; k < e->nchannels; k++) {
				const yb_channel_info *ch = &e->channels[k];
				yb_buf_printf(t->b, "%s%s", k ? "；" : "", yb_zh(ch->name));
				if (ch->where.zh)
					yb_buf_printf(t->b, "（%s）", ch->where.zh);
			}
			yb_buf_putc(t->b, '\n');
		}
		if (e->deadline) {
			yb_buf_printf(t->b, "%s   时限：", indent);
			deadline(t, e->deadline);
			footnotes(t, e->deadline->sources, e->deadline->nsources);
			yb_buf_putc(t->b, '\n');
		}
	}
}

static void materials(text_ctx *t)
{
	size_t n = yb_answer_count(t->a, YB_LIST_MATERIALS);
	int path = -1;
	bool paths = by_path(t->a, YB_LIST_MATERIALS);
	if (!n)
		return;
	heading(t, "所需材料");
	for (size_t i = 0; i < n; i++) {
		const yb_entry *e = yb_answer_entry(t->a, YB_LIST_MATERIALS, i);
		if (paths && (int)e->path != path) {
			path = (int)e->path;
			yb_buf_printf(t->b, "  %s：\n", path_title(e->path));
		}
		yb_buf_printf(t->b, "%s□ ", paths ? "    " : "  ");
		condition(t, e);
		yb_buf_puts(t->b, yb_zh(e->title));
		if (e->text.zh)
			yb_buf_printf(t->b, "（%s）", e->text.zh);
		if (e->side) {
			yb_buf_puts(t->b, " — ");
			side_label(t, e->side);
		}
		provenance(t, e);
		footnotes(t, e->sources, e->nsources);
		yb_buf_putc(t->b, '\n');
	}
}

static void deadlines(text_ctx *t)
{
	size_t n = yb_answer_count(t->a, YB_LIST_DEADLINES);
	if (!n)
		return;
	heading(t, "办理时限");
	for (size_t i = 0; i < n; i++) {
		const yb_entry *e = yb_answer_entry(t->a, YB_LIST_DEADLINES, i);
		yb_buf_puts(t->b, "  • ");
		condition(t, e);
		yb_buf_printf(t->b, "%s：", yb_zh(e->title));
		deadline(t, e->deadline);
		if (e->side) {
			yb_buf_puts(t->b, " — ");
			side_label(t, e->side);
		}
		provenance(t, e);
		footnotes(t, e->sources, e->nsources);
		yb_buf_putc(t->b, '\n');
	}
}

/* The notes of one kind, under their heading. */
static void notes(text_ctx *t, yb_entry_kind kind, const char *title, const char *bullet)
{
	bool first = true;
	for (size_t i = 0; i < yb_answer_count(t->a, YB_LIST_NOTES); i++) {
		const yb_entry *e = yb_answer_entry(t->a, YB_LIST_NOTES, i);
		if (e->kind != kind)
			continue;
		if (first)
			heading(t, title);
		first = false;
		yb_buf_printf(t->b, "  %s ", bullet);
		condition(t, e);
		if (e->title.zh) {
			style(t, BOLD);
			yb_buf_printf(t->b, "%s：", e->title.zh);
			style(t, RESET);
		}
		yb_buf_puts(t->b, yb_zh(e->text));
		provenance(t, e);
		footnotes(t, e->sources, e->nsources);
		yb_buf_putc(t->b, '\n');
	}
}

/* The verdicts, each a line of the conclusion: 能否退费：能。… */
static void verdicts(text_ctx *t)
{
	static const char *const names[][2] = {{"true", "能"}, {"false", "不能"},
					       {"partial", "部分可以"}, {"depends", "视情况而定"}};
	size_t n = yb_answer_count(t->a, YB_LIST_VERDICTS);
	for (size_t i = 0; i < n; i++) {
		const yb_entry *e = yb_answer_entry(t->a, YB_LIST_VERDICTS, i);
		const yb_verdict_info *v = e->verdict;
		const char *value = v->value;
		for (size_t k = 0; k < 4; k++)
			if (!strcmp(names[k][0], value))
				value = names[k][1];
		yb_buf_puts(t->b, "  ");
		condition(t, e);
		/* The question the verdict answers, as a person asks it. */
		const char *asked = !strcmp(v->key, "refundable") ? "能否退费"
				    : !strcmp(v->key, "covered")  ? "医保能否报销"
								  : v->key;
		style(t, BOLD);
		yb_buf_printf(t->b, "%s：%s", asked, value);
		style(t, RESET);
		yb_buf_printf(t->b, "。%s", yb_zh(e->text));
		provenance(t, e);
		footnotes(t, e->sources, e->nsources);
		yb_buf_putc(t->b, '\n');
	}
}

static void estimates(text_ctx *t)
{
	char ded[32], ratio[32], cost[32], paid[32];
	size_t n = yb_answer_count(t->a, YB_LIST_ESTIMATES);
	if (!n)
		return;
	heading(t, "费用估算");
	for (size_t i = 0; i < n; i++) {
		const yb_entry *e = yb_answer_entry(t->a, YB_LIST_ESTIMATES, i);
		const yb_estimate_info *est = e->estimate;
		yb_format_number(ded, sizeof(ded), est->deductible);
		yb_format_number(ratio, sizeof(ratio), est->ratio * 100);
		yb_buf_puts(t->b, "  • ");
		condition(t, e);
		yb_buf_printf(t->b, "%s：", yb_zh(e->title));
		if (est->deductible > 0)
			yb_buf_printf(t->b, "起付标准 %s 元，超过部分", ded);
		else
			yb_buf_puts(t->b, "不设起付标准，");
		yb_buf_printf(t->b, "报销 %s%%", ratio);
		provenance(t, e);
		footnotes(t, e->sources, e->nsources);
		yb_buf_putc(t->b, '\n');
		if (!est->known) {
			yb_buf_printf(t->b, "    估算报销额：加 %s 费用（元）\n", est->of_flag);
			continue;
		}
		yb_format_number(cost, sizeof(cost), est->cost);
		yb_format_number(paid, sizeof(paid), est->paid);
		if (est->cost <= est->deductible)
			yb_buf_printf(t->b, "    按 %s 元估算：未超过起付标准 %s 元，统筹基金不支付\n",
				      cost, ded);
		else if (est->deductible > 0)
			yb_buf_printf(t->b, "    按 %s 元估算：(%s − %s) × %s%% = %s 元\n", cost, cost, ded,
				      ratio, paid);
		else
			yb_buf_printf(t->b, "    按 %s 元估算：%s × %s%% = %s 元\n", cost, cost, ratio,
				      paid);
	}
}

static void waits(text_ctx *t)
{
	char gap[32];
	size_t n = yb_answer_count(t->a, YB_LIST_WAITS);
	if (!n)
		return;
	heading(t, "待遇等待期");
	for (size_t i = 0; i < n; i++) {
		const yb_entry *e = yb_answer_entry(t->a, YB_LIST_WAITS, i);
		const yb_wait_info *w = e->wait;
		yb_buf_puts(t->b, "  • ");
		condition(t, e);
		yb_buf_puts(t->b, yb_zh(e->title));
		provenance(t, e);
		footnotes(t, e->sources, e->nsources);
		yb_buf_putc(t->b, '\n');
		if (!w->known) {
			if (w->grace)
				yb_buf_printf(t->b,
					      "    中断不超过 %d 个月：补缴后从补缴当月起享受待遇，中断期间可追溯；"
					      "超过 %d 个月：参保地可设等待期，最长 %d 个月\n",
					      w->grace_months, w->grace_months, w->max_months);
			else
				yb_buf_printf(t->b,
					      "    固定 %d 个月，断保第 2 年起每多 1 年加 %d 个月，每补缴 1 年减 "
					      "%d 个月；断保 %d 年及以上合计不少于 %d 个月\n",
					      w->fixed_months, w->per_gap_year, w->back_pay_credit,
					      w->floor_gap_years, w->floor_months);
			yb_buf_printf(t->b, "    计算等待期：加 %s 或 %s\n", w->gap_months_flag,
				      w->gap_years_flag);
			continue;
		}
		yb_format_number(gap, sizeof(gap), w->gap_months);
		if (w->grace && w->within_grace) {
			yb_buf_printf(t->b,
				      "    中断 %s 个月，不超过 %d 个月：按规定补缴后，从补缴当月起享受待遇，"
				      "中断期间的待遇可以追溯\n",
				      gap, w->grace_months);
			yb_buf_printf(t->b, "    待遇起始：%.7s（补缴当月）\n", w->start);
		} else if (w->grace) {
			yb_buf_printf(t->b,
				      "    中断 %s 个月，超过 %d 个月：参保地可以设待遇等待期，最长 %d 个月\n",
				      gap, w->grace_months, w->max_months);
			yb_buf_printf(t->b, "    待遇最晚从 %s 起享受（具体以参保地规定为准）\n", w->start);
		} else {
			yb_buf_printf(t->b, "    断保 %d 年：%d + %d = %d 个月（固定 %d 个月", w->gap_years,
				      w->fixed_months, w->variable_months, w->counted_months,
				      w->fixed_months);
			yb_buf_printf(t->b, "；第 1 年之后 %d 年，每年加 %d 个月：+%d", w->extra_years,
				      w->per_gap_year, w->added_months);
			if (w->back_paid_years)
				yb_buf_printf(t->b, "；补缴 %d 年，每年减 %d 个月：−%d", w->back_paid_years,
					      w->back_pay_credit, w->credit_months);
			if (w->added_months < w->credit_months)
				yb_buf_puts(t->b, "；加长部分最少为 0");
			yb_buf_puts(t->b, "）");
			if (w->floored)
				yb_buf_printf(t->b, "；断保 %d 年及以上合计不少于 %d 个月，按 %d 个月",
					      w->floor_gap_years, w->floor_months, w->months);
			yb_buf_putc(t->b, '\n');
			yb_buf_printf(t->b, "    待遇从 %s 起享受（等待 %d 个月）\n", w->start, w->months);
		}
	}
}

static void header(text_ctx *t)
{
	const yb_answer *a = t->a;
	const yb_summary *s = yb_answer_summary(a);
	style(t, BOLD);
	yb_buf_puts(t->b, yb_zh(s->title));
	style(t, RESET);
	yb_buf_putc(t->b, '\n');
	if (s->fallback) {
		style(t, YELLOW);
		yb_buf_printf(t->b, "注意：本回答来自内置规则库 %s，不是已安装的更新（%s）\n",
			      s->corpus_version, s->fallback);
		style(t, RESET);
	}
	if (s->route) {
		yb_buf_printf(t->b, "%s（%s）→ %s（%s）：%s\n", s->from->name, s->from->province,
			      s->to->name, s->to->province, yb_zh(s->route_label));
	} else if (s->city) {
		yb_buf_printf(t->b, "%s（%s）\n", s->city->name, s->city->province);
	}
	for (size_t i = 0; i < yb_answer_count(a, YB_LIST_FACTS); i++) {
		const yb_given_fact *g = yb_answer_fact(a, i);
		yb_buf_printf(t->b, "%s：%s", yb_zh(g->label),
			      g->value_label.zh ? g->value_label.zh : g->value);
		if (g->note.zh)
			yb_buf_printf(t->b, "（您填写的“%s”：%s）", g->typed, g->note.zh);
		if (g->by_default && g->kind == YB_FACT_BOOL)
			yb_buf_printf(t->b, "（未加 %s）", g->flag);
		else if (g->by_default)
			yb_buf_printf(t->b, "（未指定，按默认；其他情形用 %s）", g->flag);
		yb_buf_putc(t->b, '\n');
	}
}

/* A line of the conclusion: its label in bold, then what follows. */
static void conclusion_label(text_ctx *t, const char *label)
{
	yb_buf_puts(t->b, "  ");
	style(t, BOLD);
	yb_buf_printf(t->b, "%s：", label);
	style(t, RESET);
}

/* 在哪办：线上——国家医保服务平台 APP、支付宝；线下——医保经办机构窗口. The channels of the steps
 * of each path, each once, in the order the steps name them. A hotline is where to ask, not
 * where to apply, and is left to the steps. */
static void where_to_apply(text_ctx *t)
{
	const yb_answer *a = t->a;
	size_t n = yb_answer_count(a, YB_LIST_STEPS);
	bool any_line = false;
	for (int path = YB_PATH_ONLINE; path <= YB_PATH_OFFLINE; path++) {
		size_t shown = 0;
		for (size_t i = 0; i < n; i++) {
			const yb_entry *e = yb_answer_entry(a, YB_LIST_STEPS, i);
			if ((int)e->path != path)
				continue;
			for (size_t k = 0; k < e->nchannels; k++) {
				const yb_channel_info *ch = &e->channels[k];
				bool seen = ch->kind == YB_CHANNEL_PHONE;
				for (size_t j = 0; j <= i && !seen; j++) {
					const yb_entry *f = yb_answer_entry(a, YB_LIST_STEPS, j);
					if ((int)f->path != path)
						continue;
					for (size_t m = 0; m < (j == i ? k : f->nchannels) && !seen; m++)
						seen = !strcmp(f->channels[m].id, ch->id);
				}
				if (seen)
					continue;
				if (!any_line)
					conclusion_label(t, "在哪办");
				if (!shown)
					yb_buf_printf(t->b, "%s%s——", any_line ? "；" : "",
						      path == YB_PATH_ONLINE ? "线上" : "线下");
				yb_buf_printf(t->b, "%s%s", shown ? "、" : "", yb_zh(ch->name));
				shown++;
				any_line = true;
			}
		}
	}
	if (any_line)
		yb_buf_putc(t->b, '\n');
}

/*
 * The conclusion: the verdict, what the fund pays, when benefits start, where to apply, the day
 * everything must be done by (and the calendar's caveat beside it), and what is still unknown.
 */
static void conclusion(text_ctx *t)
{
	const yb_answer *a = t->a;
	const yb_summary *s = yb_answer_summary(a);
	size_t nq = yb_answer_count(a, YB_LIST_QUESTIONS);
	char number[32], cost[32];

	heading(t, "结论");
	verdicts(t);
	for (size_t i = 0; i < yb_answer_count(a, YB_LIST_ESTIMATES); i++) {
		const yb_entry *e = yb_answer_entry(a, YB_LIST_ESTIMATES, i);
		if (!e->estimate->known)
			continue;
		yb_format_number(number, sizeof(number), e->estimate->paid);
		yb_format_number(cost, sizeof(cost), e->estimate->cost);
		conclusion_label(t, "医保估计支付");
		condition(t, e);
		yb_buf_printf(t->b, "%s 元，费用 %s 元按“%s”估算（算法见下）\n", number, cost,
			      yb_zh(e->title));
	}
	for (size_t i = 0; i < yb_answer_count(a, YB_LIST_WAITS); i++) {
		const yb_entry *e = yb_answer_entry(a, YB_LIST_WAITS, i);
		const yb_wait_info *w = e->wait;
		if (!w->known)
			continue;
		conclusion_label(t, "待遇起始");
		condition(t, e);
		if (w->grace && w->within_grace)
			yb_buf_printf(t->b, "%.7s（补缴当月；中断期间的待遇可以追溯）\n", w->start);
		else if (w->grace)
			yb_buf_printf(t->b, "最晚 %s（等待最长 %d 个月，以参保地规定为准）\n", w->start,
				      w->months);
		else
			yb_buf_printf(t->b, "%s（等待 %d 个月）\n", w->start, w->months);
	}
	where_to_apply(t);
	if (s->due) {
		conclusion_label(t, "全部办完");
		style(t, BOLD);
		yb_buf_printf(t->b, "%s 前", s->due);
		style(t, RESET);
		yb_buf_printf(t->b, "（从 %s 起算%s）\n", s->date,
			      s->date_given ? "" : "，即今天；可用 --date 指定");
		if (s->caveat.zh) {
			style(t, YELLOW);
			yb_buf_printf(t->b, "    注意：%s。\n", s->caveat.zh);
			style(t, RESET);
		}
	} else if (s->date_given) {
		conclusion_label(t, "办理日期");
		yb_buf_printf(t->b, "%s\n", s->date);
	}
	if (nq) {
		conclusion_label(t, "尚缺条件");
		style(t, YELLOW);
		for (size_t i = 0; i < nq; i++) {
			const yb_question *q = yb_answer_question(a, i);
			yb_buf_printf(t->b, "%s%s", i ? "、" : "", yb_zh(q->label));
			if (q->flag)
				yb_buf_printf(t->b, "（%s）", q->flag);
		}
		style(t, RESET);
		yb_buf_puts(t->b, "。下面分情况列出，标〔…〕的只适用于该情形\n");
	}
	if (s->no_local.zh) {
		conclusion_label(t, "本地规定");
		style(t, YELLOW);
		yb_buf_printf(t->b, "%s。\n", s->no_local.zh);
		style(t, RESET);
	}
}

/* --explain: each decision of the walk, the value it tested and where that value came from. */
static void explanation(text_ctx *t)
{
	const yb_answer *a = t->a;
	size_t n = yb_answer_count(a, YB_LIST_DECISIONS);
	if (!t->explain)
		return;
	heading(t, "判断过程");
	if (!n)
		yb_buf_puts(t->b, "  （这个回答不需要判断任何条件）\n");
	for (size_t i = 0; i < n; i++) {
		const yb_decision *d = yb_answer_decision(a, i);
		yb_buf_printf(t->b, "  %zu. ", i + 1);
		/* Assumed values name their alternatives themselves. */
		if (d->origin != YB_VALUE_ASSUMED && d->condition.zh)
			yb_buf_printf(t->b, "〔%s〕", d->condition.zh);
		/* Derived, default and assumed values say where they came from themselves. */
		yb_buf_printf(t->b, "%s规则 %s:%d 看%s：%s%s\n", yb_zh(d->layer.name), d->rule,
			      d->line, yb_zh(d->fact_label), yb_zh(d->value),
			      d->origin == YB_VALUE_GIVEN ? "（命令行给出）" : "");
		if (d->branch > 0)
			yb_buf_printf(t->b, "     → 走第 %d 个分支（%s:%d）\n", d->branch, d->branch_rule,
				      d->branch_line);
		else if (d->branch == 0)
			yb_buf_printf(t->b, "     → 走默认分支（%s:%d）\n", d->branch_rule,
				      d->branch_line);
		else
			yb_buf_puts(t->b, "     → 没有匹配的分支，这一层到此为止\n");
	}
}

static void questions(text_ctx *t)
{
	const yb_answer *a = t->a;
	size_t n = yb_answer_count(a, YB_LIST_QUESTIONS);
	if (!n)
		return;
	heading(t, "需要补充的信息");
	for (size_t i = 0; i < n; i++) {
		const yb_question *q = yb_answer_question(a, i);
		yb_buf_printf(t->b, "  • %s", yb_zh(q->question.zh ? q->question : q->label));
		if (q->flag && !q->nchoices) {
			yb_buf_printf(t->b, " %s", q->flag);
		} else if (q->flag) {
			yb_buf_printf(t->b, " %s ", q->flag);
			/* A switch's choices are its words alone: yes | no. */
			for (size_t k = 0; k < q->nchoices; k++)
				if (q->kind == YB_FACT_BOOL)
					yb_buf_printf(t->b, "%s%s", k ? " | " : "", q->choices[k].value);
				else
					yb_buf_printf(t->b, "%s%s（%s）", k ? " | " : "",
						      q->choices[k].value, yb_zh(q->choices[k].label));
		}
		yb_buf_putc(t->b, '\n');
	}
}

static void source_list(text_ctx *t)
{
	size_t n = yb_answer_count(t->a, YB_LIST_SOURCES);
	if (!n)
		return;
	heading(t, "来源");
	for (size_t i = 0; i < n; i++) {
		const yb_source_info *s = yb_answer_source(t->a, i);
		yb_buf_printf(t->b, "  [%zu] ", s->n);
		if (s->kind != YB_SOURCE_SEED) {
			yb_buf_printf(t->b, "《%s》%s", yb_zh(s->title), s->number ? s->number : "");
			if (s->issuer)
				yb_buf_printf(t->b, "，%s", s->issuer);
			if (s->date)
				yb_buf_printf(t->b, "，%s", s->date);
		} else {
			/* An article: its title and the heading the fact sits under, as a reader
			 * finds them; the file it is kept in is for --explain and JSON. */
			const char *heading = s->heading;
			size_t len = s->title.zh ? strlen(s->title.zh) : 0;
			if (len && !strncmp(heading, s->title.zh, len) && !strncmp(heading + len, " / ", 3))
				heading += len + 3; /* the title again, then the section under it */
			if (s->title.zh)
				yb_buf_printf(t->b, "《%s》", s->title.zh);
			if (!s->title.zh || strcmp(heading, s->title.zh) != 0)
				yb_buf_printf(t->b, "「%s」", heading);
			if (s->issuer)
				yb_buf_printf(t->b, "，%s", s->issuer);
			if (s->date)
				yb_buf_printf(t->b, "，%s", s->date);
		}
		if (s->url)
			yb_buf_printf(t->b, " %s", s->url);
		if (s->read)
			yb_buf_printf(t->b, "（%s 查阅）", s->read);
		if (t->explain)
			yb_buf_printf(t->b, " 〈%s%s%s〉", s->id, s->file ? " · " : "",
				      s->file ? s->file : "");
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
	text_ctx t = {&b, a, (flags & YB_RENDER_COLOR) != 0, (flags & YB_RENDER_EXPLAIN) != 0};

	header(&t);
	conclusion(&t);
	estimates(&t);
	waits(&t);
	notes(&t, YB_ENTRY_PRECONDITION, "前提条件", "!");
	steps(&t);
	materials(&t);
	deadlines(&t);
	notes(&t, YB_ENTRY_WARNING, "注意事项", "!");
	notes(&t, YB_ENTRY_INFO, "说明", "•");
	questions(&t);
	explanation(&t);
	source_list(&t);
	return yb_render_finish(&b, write, ctx, err);
}
