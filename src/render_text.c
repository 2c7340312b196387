/*
 * render_text.c - an answer in Chinese, or in English (YB_RENDER_LANG_EN), for a person at a
 * terminal.
 *
 * Layout: the conclusion first, in a few lines (the verdict, where to apply, the date everything
 * is due by, what is still unknown), so that a person who reads no further has the answer; then
 * the details (preconditions, numbered steps grouped by online/offline and by side, a checklist
 * of materials, deadlines, warnings, other notes), the facts still needed, and the sources as
 * numbered footnotes. A caveat stands where it applies: the calendar's beside the due date. An item from a province or city
 * layer says so (（湖南省规定）); an item that holds only under some values of a fact the user
 * did not give starts with that condition (〔职工医保〕).
 *
 * In English, every word of the layout has its English beside its Chinese (L()), and every text
 * of the answer is its English where the corpus has one (TXT()); official names, a document's
 * title or a material's, keep their Chinese, followed by the corpus's English: 《中文》 (English).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "render.h"

typedef struct {
	yb_buf *b;
	const yb_answer *a;
	bool color;
	bool explain; /* name the layer and rule of every item, and show the path taken */
	bool en;      /* in English */
} text_ctx;

/* The Chinese or the English wording, as the answer is asked for (t in scope). */
#define L(zh, english) YB_LANG(t->en, zh, english)
/* A text of the answer in its language. */
#define TXT(text) yb_lang_text((text), t->en)

/* "3 个月", or "3 months", "1 month": a count of a unit, the count written as given. */
static const char *count_of(const text_ctx *t, char out[64], const char *count, const char *zh,
			    const char *en)
{
	if (t->en)
		snprintf(out, 64, "%s %s%s", count, en, strcmp(count, "1") != 0 ? "s" : "");
	else
		snprintf(out, 64, "%s %s", count, zh);
	return out;
}

static const char *count_n(const text_ctx *t, char out[64], int n, const char *zh, const char *en)
{
	char count[16];
	snprintf(count, sizeof(count), "%d", n);
	return count_of(t, out, count, zh, en);
}

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
	yb_buf_printf(t->b, L("〔%s〕", "[%s] "), TXT(e->condition));
	style(t, RESET);
}

static void unconfirmed(text_ctx *t)
{
	style(t, YELLOW);
	yb_buf_puts(t->b, L("（未经官方文件证实）", " (not confirmed by an official document)"));
	style(t, RESET);
}

/* （湖南省规定）or（湖南省）, then（未经官方文件证实）, after an item. A province's item that no
 * official text confirms is that province's practice as reported, not its regulation. */
static void provenance(text_ctx *t, const yb_entry *e)
{
	if (e->layer.level != YB_LEVEL_NATIONAL) {
		style(t, DIM);
		yb_buf_printf(t->b, e->unconfirmed ? L("（%s）", " (%s)") : L("（%s规定）", " (%s rule)"),
			      TXT(e->layer.name));
		style(t, RESET);
	}
	if (e->in_force_from || e->in_force_until) {
		style(t, DIM);
		if (e->in_force_from && e->in_force_until)
			yb_buf_printf(t->b, L("（适用于 %s 至 %s）", " (in force from %s to %s)"),
				      e->in_force_from, e->in_force_until);
		else if (e->in_force_from)
			yb_buf_printf(t->b, L("（%s 起适用）", " (in force from %s)"), e->in_force_from);
		else
			yb_buf_printf(t->b, L("（适用至 %s）", " (in force until %s)"), e->in_force_until);
		style(t, RESET);
	}
	if (t->explain) {
		style(t, DIM);
		yb_buf_printf(t->b, L("〈%s · %s:%d〉", " <%s · %s:%d>"), TXT(e->layer.name), e->rule,
			      e->line);
		style(t, RESET);
	}
	if (e->unconfirmed)
		unconfirmed(t);
}

/* 10 个工作日内（2026-12-07 前）; 5 个工作日内（接“办理转出”办结后起算，2026-12-14 前);
 * within 10 working days (by 2026-12-07). */
static void deadline(text_ctx *t, const yb_deadline_info *d)
{
	char n[64];
	bool counted = true;
	if (d->working_days >= 0)
		yb_buf_printf(t->b, L("%s内", "within %s"),
			      count_n(t, n, d->working_days, "个工作日", "working day"));
	else if (d->days)
		yb_buf_printf(t->b, L("%s内", "within %s"), count_n(t, n, d->days, "日", "day"));
	else if (d->months)
		yb_buf_printf(t->b, L("%s内", "within %s"), count_n(t, n, d->months, "个月", "month"));
	else
		counted = false;
	if (d->from.zh)
		yb_buf_printf(t->b, L("（从%s起算）", " (counting from %s)"), TXT(d->from));
	if (d->due) {
		yb_buf_puts(t->b, L("（", " ("));
		if (d->after)
			yb_buf_printf(t->b, L("接“%s”办结后起算，", "counting from when “%s” is done, "),
				      TXT(d->after->title));
		style(t, BOLD);
		yb_buf_printf(t->b, L("%s 前", "by %s"), d->due);
		style(t, RESET);
		yb_buf_puts(t->b, L("）", ")"));
	}
	if (d->text.zh)
		yb_buf_printf(t->b, "%s%s", counted ? L("，", ", ") : "", TXT(d->text));
}

static const char *path_title(const text_ctx *t, yb_path_kind p)
{
	return p == YB_PATH_ONLINE    ? L("线上办理", "Online")
	       : p == YB_PATH_OFFLINE ? L("线下办理", "In person")
				      : L("线上线下都适用", "Online or in person");
}

/* 常德市, or Changde. */
static void place_name(text_ctx *t, const yb_city_info *c)
{
	char name[64];
	yb_buf_puts(t->b, t->en ? yb_capitalised(c->slug, name, sizeof(name)) : c->name);
}

/* 常德市（湖南省）, or Changde (Hunan). */
static void place(text_ctx *t, const yb_city_info *c)
{
	char province[64];
	place_name(t, c);
	yb_buf_printf(t->b, L("（%s）", " (%s)"),
		      t->en ? yb_capitalised(c->province_slug, province, sizeof(province))
			    : c->province);
}

/* 转出地（常德市） */
static void side_label(text_ctx *t, const yb_side_info *side)
{
	yb_buf_puts(t->b, TXT(side->label));
	if (side->city) {
		yb_buf_puts(t->b, L("（", " ("));
		place_name(t, side->city);
		yb_buf_puts(t->b, L("）", ")"));
	}
}

/* An official name (a material's, a document's title) keeps its Chinese; in English, the
 * corpus's English follows it: 《参保凭证》 (Certificate of insurance). */
static void official_name(text_ctx *t, const char *open, yb_zh_en name, const char *close)
{
	yb_buf_printf(t->b, "%s%s%s", open, yb_zh(name), close);
	if (t->en && name.en)
		yb_buf_printf(t->b, " (%s)", name.en);
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
	heading(t, L("办理步骤", "Steps"));
	for (size_t i = 0; i < n; i++) {
		const yb_entry *e = yb_answer_entry(t->a, YB_LIST_STEPS, i);
		if (paths && (int)e->path != path) {
			path = (int)e->path;
			side = NULL;
			number = 0;
			yb_buf_puts(t->b, "  ");
			style(t, BOLD);
			yb_buf_puts(t->b, path_title(t, e->path));
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
		yb_buf_puts(t->b, TXT(e->title));
		provenance(t, e);
		footnotes(t, e->sources, e->nsources);
		yb_buf_putc(t->b, '\n');
		if (e->text.zh)
			yb_buf_printf(t->b, "%s   %s\n", indent, TXT(e->text));
		if (e->nchannels) {
			yb_buf_printf(t->b, L("%s   渠道：", "%s   Channels: "), indent);
			for (size_t k = 0; k < e->nchannels; k++) {
				const yb_channel_info *ch = &e->channels[k];
				yb_buf_printf(t->b, "%s%s", k ? L("；", "; ") : "", TXT(ch->name));
				if (ch->where.zh)
					yb_buf_printf(t->b, L("（%s）", " (%s)"), TXT(ch->where));
			}
			yb_buf_putc(t->b, '\n');
		}
		if (e->deadline) {
			yb_buf_printf(t->b, L("%s   时限：", "%s   Time limit: "), indent);
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
	heading(t, L("所需材料", "Materials"));
	for (size_t i = 0; i < n; i++) {
		const yb_entry *e = yb_answer_entry(t->a, YB_LIST_MATERIALS, i);
		if (paths && (int)e->path != path) {
			path = (int)e->path;
			yb_buf_printf(t->b, L("  %s：\n", "  %s:\n"), path_title(t, e->path));
		}
		yb_buf_printf(t->b, "%s□ ", paths ? "    " : "  ");
		condition(t, e);
		official_name(t, "", e->title, "");
		if (e->text.zh)
			yb_buf_printf(t->b, L("（%s）", " (%s)"), TXT(e->text));
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
	heading(t, L("办理时限", "Time limits"));
	for (size_t i = 0; i < n; i++) {
		const yb_entry *e = yb_answer_entry(t->a, YB_LIST_DEADLINES, i);
		yb_buf_puts(t->b, "  • ");
		condition(t, e);
		yb_buf_printf(t->b, L("%s：", "%s: "), TXT(e->title));
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
			yb_buf_printf(t->b, L("%s：", "%s: "), TXT(e->title));
			style(t, RESET);
		}
		yb_buf_puts(t->b, TXT(e->text));
		provenance(t, e);
		footnotes(t, e->sources, e->nsources);
		yb_buf_putc(t->b, '\n');
	}
}

/* The verdicts, each a line of the conclusion: 能否退费：能。…; Refundable: no. … */
static void verdicts(text_ctx *t)
{
	static const char *const names[][3] = {{"true", "能", "yes"},
					       {"false", "不能", "no"},
					       {"partial", "部分可以", "partly"},
					       {"depends", "视情况而定", "it depends"}};
	size_t n = yb_answer_count(t->a, YB_LIST_VERDICTS);
	for (size_t i = 0; i < n; i++) {
		const yb_entry *e = yb_answer_entry(t->a, YB_LIST_VERDICTS, i);
		const yb_verdict_info *v = e->verdict;
		const char *value = v->value;
		for (size_t k = 0; k < 4; k++)
			if (!strcmp(names[k][0], value))
				value = L(names[k][1], names[k][2]);
		yb_buf_puts(t->b, "  ");
		condition(t, e);
		/* The question the verdict answers, as a person asks it. */
		const char *asked = !strcmp(v->key, "refundable") ? L("能否退费", "Refundable")
				    : !strcmp(v->key, "covered")
					    ? L("医保能否报销", "Covered by the insurance")
					    : v->key;
		style(t, BOLD);
		yb_buf_printf(t->b, L("%s：%s", "%s: %s"), asked, value);
		style(t, RESET);
		yb_buf_printf(t->b, L("。%s", ". %s"), TXT(e->text));
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
	heading(t, L("费用估算", "Cost estimate"));
	for (size_t i = 0; i < n; i++) {
		const yb_entry *e = yb_answer_entry(t->a, YB_LIST_ESTIMATES, i);
		const yb_estimate_info *est = e->estimate;
		yb_format_number(ded, sizeof(ded), est->deductible);
		yb_format_number(ratio, sizeof(ratio), est->ratio * 100);
		yb_buf_puts(t->b, "  • ");
		condition(t, e);
		yb_buf_printf(t->b, L("%s：", "%s: "), TXT(e->title));
		if (est->deductible > 0)
			yb_buf_printf(t->b, L("起付标准 %s 元，超过部分", "deductible %s yuan, above it "),
				      ded);
		else
			yb_buf_puts(t->b, L("不设起付标准，", "no deductible, "));
		yb_buf_printf(t->b, L("报销 %s%%", "%s%% reimbursed"), ratio);
		provenance(t, e);
		footnotes(t, e->sources, e->nsources);
		yb_buf_putc(t->b, '\n');
		if (!est->known) {
			yb_buf_printf(t->b,
				      L("    估算报销额：加 %s 费用（元）\n",
					"    To estimate the sum: add %s and the cost in yuan\n"),
				      est->of_flag);
			continue;
		}
		yb_format_number(cost, sizeof(cost), est->cost);
		yb_format_number(paid, sizeof(paid), est->paid);
		if (est->cost <= est->deductible)
			yb_buf_printf(t->b,
				      L("    按 %s 元估算：未超过起付标准 %s 元，统筹基金不支付\n",
					"    For %s yuan: not above the deductible of %s yuan, so the "
					"fund pays nothing\n"),
				      cost, ded);
		else if (est->deductible > 0)
			yb_buf_printf(t->b,
				      L("    按 %s 元估算：(%s − %s) × %s%% = %s 元\n",
					"    For %s yuan: (%s − %s) × %s%% = %s yuan\n"),
				      cost, cost, ded, ratio, paid);
		else
			yb_buf_printf(t->b,
				      L("    按 %s 元估算：%s × %s%% = %s 元\n",
					"    For %s yuan: %s × %s%% = %s yuan\n"),
				      cost, cost, ratio, paid);
	}
}

/* A count of months, or of years, as the answer's language writes it (count_n()). */
#define MONTHS(buf, n) count_n(t, buf, n, "个月", "month")
#define YEARS(buf, n) count_n(t, buf, n, "年", "year")

static void waits(text_ctx *t)
{
	char gap[32], m1[64], m2[64], m3[64], m4[64], m5[64];
	size_t n = yb_answer_count(t->a, YB_LIST_WAITS);
	if (!n)
		return;
	heading(t, L("待遇等待期", "Waiting period"));
	for (size_t i = 0; i < n; i++) {
		const yb_entry *e = yb_answer_entry(t->a, YB_LIST_WAITS, i);
		const yb_wait_info *w = e->wait;
		yb_buf_puts(t->b, "  • ");
		condition(t, e);
		yb_buf_puts(t->b, TXT(e->title));
		provenance(t, e);
		footnotes(t, e->sources, e->nsources);
		yb_buf_putc(t->b, '\n');
		if (!w->known) {
			if (w->grace)
				yb_buf_printf(t->b,
					      L("    中断不超过 %s：补缴后从补缴当月起享受待遇，中断期间可追溯；"
						"超过 %s：参保地可设等待期，最长 %s\n",
						"    A gap of up to %s: once it is back-paid, benefits run "
						"from the month of payment, the gap included; longer than "
						"%s: the local fund may set a waiting period of up to %s\n"),
					      MONTHS(m1, w->grace_months), MONTHS(m2, w->grace_months),
					      MONTHS(m3, w->max_months));
			else
				yb_buf_printf(t->b,
					      L("    固定 %s，断保第 2 年起每多 1 年加 %s，每补缴 1 年减 "
						"%s；断保 %s及以上合计不少于 %s\n",
						"    %s fixed, plus %s for each year of gap after the "
						"first, less %s for each year back-paid; a gap of %s or "
						"more waits at least %s\n"),
					      MONTHS(m1, w->fixed_months), MONTHS(m2, w->per_gap_year),
					      MONTHS(m3, w->back_pay_credit), YEARS(m4, w->floor_gap_years),
					      MONTHS(m5, w->floor_months));
			yb_buf_printf(t->b, L("    计算等待期：加 %s 或 %s\n", "    To count the wait: add %s or %s\n"),
				      w->gap_months_flag, w->gap_years_flag);
			continue;
		}
		yb_format_number(gap, sizeof(gap), w->gap_months);
		count_of(t, m1, gap, "个月", "month");
		if (w->grace && w->within_grace) {
			yb_buf_printf(t->b,
				      L("    中断 %s，不超过 %s：按规定补缴后，从补缴当月起享受待遇，"
					"中断期间的待遇可以追溯\n",
					"    A gap of %s, not over %s: back-paid as the rules say, "
					"benefits run from the month of payment, and those for the gap "
					"can be claimed\n"),
				      m1, MONTHS(m2, w->grace_months));
			yb_buf_printf(t->b,
				      L("    待遇起始：%.7s（补缴当月）\n",
					"    Benefits start: %.7s (the month of payment)\n"),
				      w->start);
		} else if (w->grace) {
			yb_buf_printf(t->b,
				      L("    中断 %s，超过 %s：参保地可以设待遇等待期，最长 %s\n",
					"    A gap of %s, over %s: the local fund may set a waiting "
					"period of up to %s\n"),
				      m1, MONTHS(m2, w->grace_months), MONTHS(m3, w->max_months));
			yb_buf_printf(t->b,
				      L("    待遇最晚从 %s 起享受（具体以参保地规定为准）\n",
					"    Benefits start on %s at the latest (the local rules "
					"decide)\n"),
				      w->start);
		} else {
			yb_buf_printf(t->b, L("    断保 %s：%d + %d = %s（固定 %s", "    A gap of %s: %d + %d = %s (%s fixed"),
				      YEARS(m1, w->gap_years), w->fixed_months, w->variable_months,
				      MONTHS(m2, w->counted_months), MONTHS(m3, w->fixed_months));
			yb_buf_printf(t->b,
				      L("；第 1 年之后 %s，每年加 %s：+%d",
					"; %s after the first, %s more for each: +%d"),
				      YEARS(m1, w->extra_years), MONTHS(m2, w->per_gap_year),
				      w->added_months);
			if (w->back_paid_years)
				yb_buf_printf(t->b,
					      L("；补缴 %s，每年减 %s：−%d",
						"; %s back-paid, %s less for each: −%d"),
					      YEARS(m1, w->back_paid_years),
					      MONTHS(m2, w->back_pay_credit), w->credit_months);
			if (w->added_months < w->credit_months)
				yb_buf_puts(t->b, L("；加长部分最少为 0", "; what is added is at least 0"));
			yb_buf_puts(t->b, L("）", ")"));
			if (w->floored)
				yb_buf_printf(t->b,
					      L("；断保 %s及以上合计不少于 %s，按 %s",
						"; a gap of %s or more waits at least %s, so %s"),
					      YEARS(m1, w->floor_gap_years), MONTHS(m2, w->floor_months),
					      MONTHS(m3, w->months));
			yb_buf_putc(t->b, '\n');
			yb_buf_printf(t->b,
				      L("    待遇从 %s 起享受（等待 %s）\n",
					"    Benefits start on %s (after a wait of %s)\n"),
				      w->start, MONTHS(m1, w->months));
		}
	}
}

static void header(text_ctx *t)
{
	const yb_answer *a = t->a;
	const yb_summary *s = yb_answer_summary(a);
	style(t, BOLD);
	yb_buf_puts(t->b, TXT(s->title));
	style(t, RESET);
	yb_buf_putc(t->b, '\n');
	if (s->fallback) {
		style(t, YELLOW);
		yb_buf_printf(t->b,
			      L("注意：本回答来自内置规则库 %s，不是已安装的更新（%s）\n",
				"Note: this answer comes from the built-in rules %s, not from the "
				"installed update (%s)\n"),
			      s->corpus_version, t->en && s->fallback_en ? s->fallback_en : s->fallback);
		style(t, RESET);
	}
	if (s->route) {
		place(t, s->from);
		yb_buf_puts(t->b, L("→ ", " → "));
		place(t, s->to);
		yb_buf_printf(t->b, L("：%s\n", ": %s\n"), TXT(s->route_label));
	} else if (s->city) {
		place(t, s->city);
		yb_buf_putc(t->b, '\n');
	}
	for (size_t i = 0; i < yb_answer_count(a, YB_LIST_FACTS); i++) {
		const yb_given_fact *g = yb_answer_fact(a, i);
		yb_buf_printf(t->b, L("%s：%s", "%s: %s"), TXT(g->label),
			      g->value_label.zh ? TXT(g->value_label) : g->value);
		if (g->note.zh)
			yb_buf_printf(t->b, L("（您填写的“%s”：%s）", " (you wrote “%s”: %s)"), g->typed,
				      TXT(g->note));
		if (g->by_default && g->kind == YB_FACT_BOOL)
			yb_buf_printf(t->b, L("（未加 %s）", " (no %s)"), g->flag);
		else if (g->by_default)
			yb_buf_printf(t->b,
				      L("（未指定，按默认；其他情形用 %s）",
					" (not given: the default; %s gives another)"),
				      g->flag);
		yb_buf_putc(t->b, '\n');
	}
}

/* A line of the conclusion: its label in bold, then what follows. */
static void conclusion_label(text_ctx *t, const char *label)
{
	yb_buf_puts(t->b, "  ");
	style(t, BOLD);
	yb_buf_printf(t->b, L("%s：", "%s: "), label);
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
		const char *shown[32]; /* the ids of the channels named for this path */
		size_t nshown = 0;
		for (size_t i = 0; i < n; i++) {
			const yb_entry *e = yb_answer_entry(a, YB_LIST_STEPS, i);
			for (size_t k = 0; (int)e->path == path && k < e->nchannels; k++) {
				const yb_channel_info *ch = &e->channels[k];
				bool seen = ch->kind == YB_CHANNEL_PHONE;
				for (size_t m = 0; m < nshown && !seen; m++)
					seen = !strcmp(shown[m], ch->id);
				if (seen || nshown == sizeof(shown) / sizeof(shown[0]))
					continue;
				if (!any_line)
					conclusion_label(t, L("在哪办", "Where to apply"));
				if (!nshown)
					yb_buf_printf(t->b, L("%s%s——", "%s%s — "),
						      any_line ? L("；", "; ") : "",
						      path == YB_PATH_ONLINE ? L("线上", "online")
									     : L("线下", "in person"));
				yb_buf_printf(t->b, "%s%s", nshown ? L("、", ", ") : "", TXT(ch->name));
				shown[nshown++] = ch->id;
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
	char number[32], cost[32], months[64];

	heading(t, L("结论", "Conclusion"));
	verdicts(t);
	for (size_t i = 0; i < yb_answer_count(a, YB_LIST_ESTIMATES); i++) {
		const yb_entry *e = yb_answer_entry(a, YB_LIST_ESTIMATES, i);
		if (!e->estimate->known)
			continue;
		yb_format_number(number, sizeof(number), e->estimate->paid);
		yb_format_number(cost, sizeof(cost), e->estimate->cost);
		conclusion_label(t, L("医保估计支付", "The insurance would pay"));
		condition(t, e);
		yb_buf_printf(t->b,
			      L("%s 元，费用 %s 元按“%s”估算（算法见下）\n",
				"%s yuan, for a cost of %s yuan under “%s” (worked out below)\n"),
			      number, cost, TXT(e->title));
	}
	for (size_t i = 0; i < yb_answer_count(a, YB_LIST_WAITS); i++) {
		const yb_entry *e = yb_answer_entry(a, YB_LIST_WAITS, i);
		const yb_wait_info *w = e->wait;
		if (!w->known)
			continue;
		conclusion_label(t, L("待遇起始", "Benefits start"));
		condition(t, e);
		if (w->grace && w->within_grace)
			yb_buf_printf(t->b,
				      L("%.7s（补缴当月；中断期间的待遇可以追溯）\n",
					"%.7s (the month of payment; those for the gap can be "
					"claimed)\n"),
				      w->start);
		else if (w->grace)
			yb_buf_printf(t->b,
				      L("最晚 %s（等待最长 %s，以参保地规定为准）\n",
					"%s at the latest (a wait of up to %s; the local rules "
					"decide)\n"),
				      w->start, MONTHS(months, w->months));
		else
			yb_buf_printf(t->b, L("%s（等待 %s）\n", "%s (after a wait of %s)\n"), w->start,
				      MONTHS(months, w->months));
	}
	where_to_apply(t);
	if (s->due) {
		conclusion_label(t, L("全部办完", "All done by"));
		style(t, BOLD);
		yb_buf_printf(t->b, L("%s 前", "%s"), s->due);
		style(t, RESET);
		yb_buf_printf(t->b, L("（从 %s 起算%s）\n", " (counting from %s%s)\n"), s->date,
			      s->date_given ? ""
					    : L("，即今天；可用 --date 指定",
						", today; --date sets another day"));
		if (s->caveat.zh) {
			style(t, YELLOW);
			yb_buf_printf(t->b, L("    注意：%s。\n", "    Note: %s.\n"), TXT(s->caveat));
			style(t, RESET);
		}
	} else if (s->date_given) {
		conclusion_label(t, L("办理日期", "Date"));
		yb_buf_printf(t->b, "%s\n", s->date);
	}
	if (nq) {
		conclusion_label(t, L("尚缺条件", "Not yet known"));
		style(t, YELLOW);
		for (size_t i = 0; i < nq; i++) {
			const yb_question *q = yb_answer_question(a, i);
			yb_buf_printf(t->b, "%s%s", i ? L("、", ", ") : "", TXT(q->label));
			if (q->flag)
				yb_buf_printf(t->b, L("（%s）", " (%s)"), q->flag);
		}
		style(t, RESET);
		yb_buf_puts(t->b, L("。下面分情况列出，标〔…〕的只适用于该情形\n",
				    ". Below, each case is covered: what is marked [...] holds only in "
				    "that case\n"));
	}
	if (s->no_local.zh) {
		conclusion_label(t, L("本地规定", "Local rules"));
		style(t, YELLOW);
		yb_buf_printf(t->b, L("%s。\n", "%s.\n"), TXT(s->no_local));
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
	heading(t, L("判断过程", "How the answer was reached"));
	if (!n)
		yb_buf_puts(t->b, L("  （这个回答不需要判断任何条件）\n",
				    "  (this answer needed no decision)\n"));
	for (size_t i = 0; i < n; i++) {
		const yb_decision *d = yb_answer_decision(a, i);
		yb_buf_printf(t->b, "  %zu. ", i + 1);
		/* Assumed values name their alternatives themselves. */
		if (d->origin != YB_VALUE_ASSUMED && d->condition.zh)
			yb_buf_printf(t->b, L("〔%s〕", "[%s] "), TXT(d->condition));
		/* Derived, default and assumed values say where they came from themselves. */
		yb_buf_printf(t->b, L("%s规则 %s:%d 看%s：%s%s\n", "%s rules at %s:%d test %s: %s%s\n"),
			      TXT(d->layer.name), d->rule, d->line, TXT(d->fact_label),
			      TXT(d->value),
			      d->origin == YB_VALUE_GIVEN
				      ? L("（命令行给出）", " (given on the command line)")
				      : "");
		if (d->branch > 0)
			yb_buf_printf(t->b,
				      L("     → 走第 %d 个分支（%s:%d）\n",
					"     → case %d taken (%s:%d)\n"),
				      d->branch, d->branch_rule, d->branch_line);
		else if (d->branch == 0)
			yb_buf_printf(t->b,
				      L("     → 走默认分支（%s:%d）\n", "     → the default taken (%s:%d)\n"),
				      d->branch_rule, d->branch_line);
		else
			yb_buf_puts(t->b, L("     → 没有匹配的分支，这一层到此为止\n",
					    "     → no case matches: these rules end here\n"));
	}
}

static void questions(text_ctx *t)
{
	const yb_answer *a = t->a;
	size_t n = yb_answer_count(a, YB_LIST_QUESTIONS);
	if (!n)
		return;
	heading(t, L("需要补充的信息", "Still needed"));
	for (size_t i = 0; i < n; i++) {
		const yb_question *q = yb_answer_question(a, i);
		yb_buf_printf(t->b, "  • %s", TXT(q->question.zh ? q->question : q->label));
		if (q->flag && !q->nchoices) {
			yb_buf_printf(t->b, " %s", q->flag);
		} else if (q->flag) {
			yb_buf_printf(t->b, " %s ", q->flag);
			/* A switch's choices are its words alone: yes | no. */
			for (size_t k = 0; k < q->nchoices; k++)
				if (q->kind == YB_FACT_BOOL)
					yb_buf_printf(t->b, "%s%s", k ? " | " : "", q->choices[k].value);
				else
					yb_buf_printf(t->b, L("%s%s（%s）", "%s%s (%s)"), k ? " | " : "",
						      q->choices[k].value, TXT(q->choices[k].label));
		}
		yb_buf_putc(t->b, '\n');
	}
}

static void source_list(text_ctx *t)
{
	size_t n = yb_answer_count(t->a, YB_LIST_SOURCES);
	if (!n)
		return;
	heading(t, L("来源", "Sources"));
	for (size_t i = 0; i < n; i++) {
		const yb_source_info *s = yb_answer_source(t->a, i);
		yb_buf_printf(t->b, "  [%zu] ", s->n);
		if (s->kind != YB_SOURCE_SEED) {
			official_name(t, "《", s->title, "》");
			if (s->number)
				yb_buf_printf(t->b, L("%s", " %s"), s->number);
			if (s->issuer)
				yb_buf_printf(t->b, L("，%s", ", %s"), s->issuer);
			if (s->date)
				yb_buf_printf(t->b, L("，%s", ", %s"), s->date);
		} else {
			/* An article: its title and the heading the fact sits under, as a reader
			 * finds them; the file it is kept in is for --explain and JSON. */
			const char *heading = s->heading;
			size_t len = s->title.zh ? strlen(s->title.zh) : 0;
			if (len && !strncmp(heading, s->title.zh, len) && !strncmp(heading + len, " / ", 3))
				heading += len + 3; /* the title again, then the section under it */
			if (s->title.zh)
				official_name(t, "《", s->title, "》");
			if (!s->title.zh || strcmp(heading, s->title.zh) != 0)
				yb_buf_printf(t->b, "「%s」", heading);
			if (s->issuer)
				yb_buf_printf(t->b, L("，%s", ", %s"), s->issuer);
			if (s->date)
				yb_buf_printf(t->b, L("，%s", ", %s"), s->date);
		}
		if (s->url)
			yb_buf_printf(t->b, " %s", s->url);
		if (s->read)
			yb_buf_printf(t->b, L("（%s 查阅）", " (read %s)"), s->read);
		if (t->explain)
			yb_buf_printf(t->b, L(" 〈%s%s%s〉", " <%s%s%s>"), s->id, s->file ? " · " : "",
				      s->file ? s->file : "");
		if (s->unconfirmed)
			unconfirmed(t);
		yb_buf_putc(t->b, '\n');
	}
}

yb_status yb_answer_render_text(const yb_answer *a, unsigned flags, yb_write_fn write, void *ctx,
				yb_error *err)
{
	yb_buf b = {0};
	text_ctx t = {&b, a, (flags & YB_RENDER_COLOR) != 0, (flags & YB_RENDER_EXPLAIN) != 0,
		      (flags & YB_RENDER_LANG_EN) != 0};
	bool en = t.en;

	header(&t);
	conclusion(&t);
	estimates(&t);
	waits(&t);
	notes(&t, YB_ENTRY_PRECONDITION, YB_LANG(en, "前提条件", "Before you start"), "!");
	steps(&t);
	materials(&t);
	deadlines(&t);
	notes(&t, YB_ENTRY_WARNING, YB_LANG(en, "注意事项", "Watch out"), "!");
	notes(&t, YB_ENTRY_INFO, YB_LANG(en, "说明", "Good to know"), "•");
	questions(&t);
	explanation(&t);
	source_list(&t);
	return yb_render_finish(&b, write, ctx, err);
}
