/* The page of yibao serve: a form built from GET /v1/procedures, city suggestions from
 * GET /v1/cities, the answer from POST /v1/answer. No library, nothing from elsewhere. */
'use strict';

const TEXT = {
  zh: {
    title: '医保办事查询', lang: '语言', procedure: '办理事项', facts: '情况', date: '办理日期',
    'date-hint': '不填就按今天（北京时间）计算期限。', submit: '查询', loading: '正在查询…',
    unset: '不确定（列出各种情况）', choose: '请选择', same: '同上', yes: '是',
    conclusion: '结论', verdict: '能否办理', route: '事项', where: '在哪里办', due: '办结期限', unknown: '还不确定',
    none: '无', steps: '办理步骤', materials: '所需材料', deadlines: '期限', notes: '注意事项',
    waits: '等待期', wait_months: (n) => `等待 ${n} 个月`, starts: '待遇开始', estimates: '报销估算',
    ratio: '比例', deductible: '起付线（元）', paid: '约报销（元）',
    sources: '依据', due_on: '截止', when: '仅当', or: ' 或 ', error: '查询失败', corpus: '规则库',
    'city-hint': '拼音、汉字或行政区划代码，如 changsha、长沙、430100',
    verdicts: { true: '可以', false: '不可以', partial: '部分可以', depends: '视情况而定' },
    procedures: { transfer: '医保关系转移接续', 'region-change': '异地就医备案', activate: '医保码/电子凭证激活',
      refund: '费用报销（退费）', dental: '口腔诊疗报销', waiting: '断缴后的待遇等待期' },
  },
  en: {
    title: 'Medical insurance procedures', lang: 'Language', procedure: 'Procedure', facts: 'Facts',
    date: 'Date', 'date-hint': 'Empty: today (China time) for the due dates.', submit: 'Ask',
    loading: 'Asking…', unset: 'Not sure (list every case)', choose: 'Choose one', same: 'Same as above', yes: 'Yes',
    conclusion: 'Conclusion', verdict: 'Verdict', route: 'Procedure', where: 'Where to apply', due: 'Due by',
    unknown: 'Still unknown', none: 'none', steps: 'Steps', materials: 'Materials',
    deadlines: 'Deadlines', notes: 'Notes', sources: 'Sources', due_on: 'due',
    waits: 'Waiting periods', wait_months: (n) => `wait ${n} months`, starts: 'benefits start', estimates: 'Estimates',
    ratio: 'ratio', deductible: 'deductible (yuan)', paid: 'paid about (yuan)', when: 'only when', or: ' or ', error: 'The query failed',
    corpus: 'Rules', 'city-hint': 'Pinyin, Chinese or area code: changsha, 长沙, 430100',
    verdicts: { true: 'yes', false: 'no', partial: 'partly', depends: 'it depends' },
    procedures: { transfer: 'Transfer of insurance', 'region-change': 'Medical care elsewhere (filing)',
      activate: 'Activate the insurance code', refund: 'Refund of costs', dental: 'Dental care',
      waiting: 'Waiting period after a gap' },
  },
};

const $ = (id) => document.getElementById(id);
let lang = 'zh';
let procedures = [];
const t = (key) => TEXT[lang][key];

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') e.textContent = v; else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

async function getJSON(url, options) {
  const res = await fetch(url, options);
  let body = null;
  try { body = await res.json(); } catch (e) { /* not JSON: said below */ }
  return { status: res.status, body };
}

/* ---- The form ---- */

function translate() {
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  for (const e of document.querySelectorAll('[data-t]')) e.textContent = t(e.dataset.t);
  document.title = t('title') + ' · yibao';
  for (const p of procedures) {
    const span = document.querySelector(`label[for="p-${p.id}"]`);
    if (span) span.textContent = t('procedures')[p.id] || p.id;
  }
  for (const span of document.querySelectorAll('.city-hint')) span.textContent = t('city-hint');
}

function procedureList() {
  const box = $('procedures');
  box.replaceChildren();
  procedures.forEach((p, i) => {
    const input = el('input', { type: 'radio', name: 'procedure', id: `p-${p.id}`, value: p.id, checked: i === 0 });
    input.addEventListener('change', inputsFor);
    box.append(el('span', {}, input, ' ', el('label', { for: `p-${p.id}`, text: t('procedures')[p.id] || p.id })));
  });
}

let suggestTimer = 0;
function suggestCities(value) {
  clearTimeout(suggestTimer);
  if (!value.trim()) return;
  suggestTimer = setTimeout(async () => {
    const { body } = await getJSON('/v1/cities?q=' + encodeURIComponent(value.trim()));
    if (!body) return;
    const list = (body.city ? [body.city] : []).concat(body.suggestions || []);
    const seen = new Set();
    $('cities').replaceChildren(...list.filter((c) => !seen.has(c.adcode) && seen.add(c.adcode)).map((c) =>
      el('option', { value: c.name, label: `${c.name} · ${c.province} · ${c.slug} · ${c.adcode}` })));
  }, 150);
}

function field(input) {
  const id = `in-${input.name}`;
  const hintId = `${id}-hint`;
  const hint = input.question || (input.kind === 'place' ? '' : null);
  const wrap = el('div', { class: 'field' });
  let control;
  switch (input.kind) {
  case 'place':
    control = el('input', { type: 'text', id, name: input.name, list: 'cities', autocomplete: 'off',
      required: input.required, 'aria-required': input.required ? 'true' : null, 'aria-describedby': hintId });
    control.addEventListener('input', () => suggestCities(control.value));
    wrap.append(el('label', { for: id, text: input.label }), control,
      el('p', { class: 'hint city-hint', id: hintId, text: t('city-hint') }));
    return wrap;
  case 'enum':
    control = el('select', { id, name: input.name, required: input.required, 'aria-required': input.required ? 'true' : null,
      'aria-describedby': input.question ? hintId : null });
    if (!input.default)
      control.append(el('option', { value: '', text: input.required ? t('choose') : input.follows ? t('same') : t('unset') }));
    for (const c of input.choices) control.append(el('option', { value: c.value, text: c.label, selected: c.value === input.default }));
    break;
  case 'bool':
    control = el('input', { type: 'checkbox', id, name: input.name, value: 'true', 'aria-describedby': input.question ? hintId : null });
    wrap.append(el('span', { class: 'label' }, control, ' ', el('label', { for: id, text: input.label })));
    if (input.question) wrap.append(el('p', { class: 'hint', id: hintId, text: input.question }));
    return wrap;
  case 'number':
    control = el('input', { type: 'number', id, name: input.name, min: input.min, max: input.max, step: 'any',
      'aria-describedby': input.question ? hintId : null });
    break;
  default:
    control = el('input', { type: 'date', id, name: input.name });
  }
  wrap.append(el('label', { for: id, text: input.label }), control);
  if (hint) wrap.append(el('p', { class: 'hint', id: hintId, text: hint }));
  return wrap;
}

function current() {
  const checked = document.querySelector('input[name=procedure]:checked');
  return procedures.find((p) => checked && p.id === checked.value);
}

function inputsFor() {
  const p = current();
  $('inputs').replaceChildren(...(p ? p.inputs.map(field) : []));
}

/* ---- The answer ---- */

function cites(ids, numbers) {
  const ns = (ids || []).map((id) => numbers.get(id)).filter(Boolean);
  return ns.length ? el('span', { class: 'refs', text: `[${ns.join(',')}]` }) : null;
}

function dueOf(d) {
  if (!d) return null;
  const parts = [];
  if (d.due) parts.push(`${t('due_on')} ${d.due}`);
  if (d.text) parts.push(d.text);
  return parts.length ? el('span', { class: 'meta', text: ` (${parts.join('；')})` }) : null;
}

/* An item that holds only for some values of a fact not given: which. */
function whenOf(item) {
  if (!item.when) return null;
  const p = current();
  const label = (fact, value) => {
    const input = p && p.inputs.find((i) => i.name === fact);
    const choice = input && (input.choices || []).find((c) => c.value === value);
    return `${input ? input.label : fact}：${choice ? choice.label : value}`;
  };
  const cases = item.when.map((c) => Object.entries(c).map(([f, v]) => label(f, v)).join('，'));
  return el('span', { class: 'meta when', text: ` [${t('when')} ${cases.join(t('or'))}]` });
}

function section(title, items, render, ordered) {
  if (!items || !items.length) return null;
  const list = el(ordered ? 'ol' : 'ul', { class: 'items' });
  for (const item of items) {
    const li = render(item);
    const when = whenOf(item);
    if (when) li.insertBefore(when, li.children[1] || null);
    list.append(li);
  }
  return el('section', {}, el('h3', { text: title }), list);
}

function verdictText(a) {
  const v = t('verdicts');
  if (a.verdict) return `${v[String(a.verdict.value)] || a.verdict.value}：${a.verdict.reason || ''}`;
  if (a.verdicts) return a.verdicts.map((x) => `${v[String(x.value)] || x.value}：${x.reason || ''}`).join('\n');
  return [a.title, a.route_label].filter(Boolean).join(' · ');
}

function whereText(a) {
  const places = new Set();
  for (const s of a.steps || []) {
    const names = (s.channel || []).map((c) => c.name).join('、');
    const who = s.side_city || (a.city && a.city.name) || '';
    if (who || names) places.add([s.side_label ? `${s.side_label}${who}` : who, names].filter(Boolean).join('：'));
  }
  return [...places].join('\n') || t('none');
}

function dueText(a) {
  const dates = [];
  for (const s of a.steps || []) if (s.deadline && s.deadline.due) dates.push(s.deadline.due);
  for (const d of a.deadlines || []) if (d.due) dates.push(d.due);
  return dates.length ? dates.sort().pop() : t('none');
}

function render(a) {
  const numbers = new Map((a.sources || []).map((s) => [s.id, s.n]));
  const unknown = (a.questions || []).map((q) => `${q.label}：${q.question || ''}`).join('\n') || t('none');
  const dl = el('dl', {});
  const head0 = a.verdict || a.verdicts ? 'verdict' : 'route';
  for (const [key, value] of [[head0, verdictText(a)], ['where', whereText(a)], ['due', dueText(a)], ['unknown', unknown]])
    dl.append(el('dt', { text: t(key) }), el('dd', { class: `c-${key}`, text: value }));
  const head = el('section', { class: 'conclusion' }, el('h2', { text: `${t('conclusion')}：${a.title}` }), dl);
  const waits = section(t('waits'), a.waits, (w) => el('li', {}, w.title, cites(w.sources, numbers),
    w.months !== undefined ? el('span', { class: 'meta', text: ` ${t('wait_months')(w.months)}${w.start ? `，${t('starts')} ${w.start}` : ''}` }) : null));
  const estimates = section(t('estimates'), a.estimates, (e) => el('li', {}, e.title, cites(e.sources, numbers),
    el('span', { class: 'meta', text: ` ${t('ratio')} ${Math.round(e.ratio * 100)}%，${t('deductible')} ${e.deductible}` +
      (e.paid !== undefined ? `，${t('paid')} ${e.paid}` : '') })));
  const steps = section(t('steps'), a.steps, (s) => el('li', {},
    el('strong', { class: 'step-title', text: s.title }), cites(s.sources, numbers), dueOf(s.deadline),
    s.detail ? el('p', { text: s.detail }) : null), true);
  const materials = section(t('materials'), a.materials, (m) => el('li', {},
    m.name, cites(m.sources, numbers), m.note ? el('span', { class: 'meta', text: ` ${m.note}` }) : null));
  const deadlines = section(t('deadlines'), a.deadlines, (d) => el('li', {}, d.title, cites(d.sources, numbers), dueOf(d)));
  const notes = section(t('notes'), a.notes, (n) => el('li', {},
    n.title ? el('strong', { text: n.title + ' ' }) : null, n.text, cites(n.sources, numbers)));
  const sources = section(t('sources'), a.sources, (s) => el('li', { value: s.n },
    s.title, s.number ? ` ${s.number}` : '', s.issuer ? `（${s.issuer}）` : '',
    s.url ? el('span', {}, ' ', el('a', { href: s.url, rel: 'noreferrer', text: s.url })) : null), true);
  if (sources) sources.classList.add('sources');
  return [head, waits, estimates, steps, materials, deadlines, notes, sources].filter(Boolean);
}

function showError(message) {
  $('result').replaceChildren(el('div', { class: 'error', role: 'alert' },
    el('h2', { text: t('error') }), el('p', { class: 'message', text: message })));
}

async function submit(event) {
  event.preventDefault();
  const p = current();
  if (!p) return;
  const query = { command: p.id };
  for (const input of p.inputs) {
    const c = $(`in-${input.name}`);
    if (!c) continue;
    if (input.kind === 'bool') { if (c.checked) query[input.name] = true; } else if (c.value.trim()) query[input.name] = c.value.trim();
  }
  if ($('date').value) query.date = $('date').value;
  if (lang === 'en') query.lang = 'en';
  $('result').replaceChildren(el('p', { text: t('loading') }));
  try {
    const { status, body } = await getJSON('/v1/answer', { method: 'POST', body: JSON.stringify(query),
      headers: { 'Content-Type': 'application/json' } });
    if (status === 200 && body && !body.error) $('result').replaceChildren(...render(body));
    else showError((body && body.error && body.error.message) || `HTTP ${status}`);
  } catch (e) {
    showError(String(e.message || e));
  }
  $('result').focus();
}

async function start() {
  $('query').addEventListener('submit', submit);
  $('lang').addEventListener('change', () => { lang = $('lang').value; translate(); });
  try {
    const { body } = await getJSON('/v1/procedures');
    procedures = (body && body.procedures) || [];
    procedureList();
    inputsFor();
    const c = await getJSON('/v1/corpus');
    if (c.body) $('corpus').textContent = `${t('corpus')} ${c.body.version} (${c.body.date})`;
  } catch (e) {
    showError(String(e.message || e));
  }
}

start();
