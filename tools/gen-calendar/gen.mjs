#!/usr/bin/env node
// Generates rules/calendar/<year>.yaml: the official public-holiday arrangement
// of one year in mainland China — every day off of each holiday period
// (weekends inside the period included) and the weekend days that are working
// days (调休上班) — so that "15 个工作日" can be turned into a real due date.
//
// Run from the repository root (once: `npm ci --prefix tools/gen-calendar`),
// one year per run:
//
//   node tools/gen-calendar/gen.mjs 2026 > rules/calendar/2026.yaml
//
// or give the output path as the second argument (written only on success):
//
//   node tools/gen-calendar/gen.mjs 2026 rules/calendar/2026.yaml
//
// The YAML goes to stdout (or the file); a summary (days off, adjusted working
// days, working days in the year) goes to stderr. The output depends only on
// the pinned chinese-days version and this file, so running it twice gives
// identical bytes.
//
// The dates come from chinese-days (its shipped dist/chinese-days.json), with
// the CORRECTIONS table below applied on top. The result is then checked
// against PUBLISHED, a hand-copied table of the State Council notice of that
// year: on any difference the script prints every differing date and exits
// non-zero, so a wrong package version cannot silently ship wrong dates. A year
// with no PUBLISHED entry is refused.

import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const CHINESE_DAYS = require('chinese-days/dist/chinese-days.json');
const CHINESE_DAYS_VERSION = require('chinese-days/package.json').version;

// The arrangements as published by the General Office of the State Council
// (国务院办公厅关于YYYY年部分节假日安排的通知), copied by hand from the notice.
// Each period: its name as the notice heads it, the first and last day off
// (all days between are off, weekends included) and the weekend days worked.
// `number` (文号) is left out where it is not known for sure.
const PUBLISHED = {
  2025: {
    source: {
      title: '国务院办公厅关于2025年部分节假日安排的通知',
      number: '国办发明电〔2024〕12号',
      issuer: '国务院办公厅',
      date: '2024-11-12',
    },
    periods: [
      { name: '元旦', off: ['2025-01-01', '2025-01-01'], work: [] },
      { name: '春节', off: ['2025-01-28', '2025-02-04'], work: ['2025-01-26', '2025-02-08'] },
      { name: '清明节', off: ['2025-04-04', '2025-04-06'], work: [] },
      { name: '劳动节', off: ['2025-05-01', '2025-05-05'], work: ['2025-04-27'] },
      { name: '端午节', off: ['2025-05-31', '2025-06-02'], work: [] },
      // One combined period in the notice ("六、国庆节、中秋节：10月1日至8日放假调休");
      // every day of it and both working weekends carry the combined name.
      { name: '国庆节、中秋节', off: ['2025-10-01', '2025-10-08'], work: ['2025-09-28', '2025-10-11'] },
    ],
  },
  2026: {
    source: {
      title: '国务院办公厅关于2026年部分节假日安排的通知',
      // number: not known for sure; add it here once checked against the notice.
      issuer: '国务院办公厅',
      date: '2025-11-04',
    },
    periods: [
      { name: '元旦', off: ['2026-01-01', '2026-01-03'], work: ['2026-01-04'] },
      { name: '春节', off: ['2026-02-15', '2026-02-23'], work: ['2026-02-14', '2026-02-28'] },
      { name: '清明节', off: ['2026-04-04', '2026-04-06'], work: [] },
      { name: '劳动节', off: ['2026-05-01', '2026-05-05'], work: ['2026-05-09'] },
      { name: '端午节', off: ['2026-06-19', '2026-06-21'], work: [] },
      { name: '中秋节', off: ['2026-09-25', '2026-09-27'], work: [] },
      { name: '国庆节', off: ['2026-10-01', '2026-10-07'], work: ['2026-09-20', '2026-10-10'] },
    ],
  },
};

// chinese-days' Chinese holiday names -> the names the notices use.
const NAME_MAP = {
  元旦: '元旦',
  春节: '春节',
  清明: '清明节',
  劳动节: '劳动节',
  端午: '端午节',
  中秋: '中秋节',
  国庆节: '国庆节',
};

// Fixes to chinese-days where it disagrees with the published notice.
// date -> { kind: 'holiday' | 'workday' | null (an ordinary day), name, why }.
// Keep it to real corrections: the script warns about entries that are no
// longer needed (chinese-days already says the same). Empty: chinese-days
// 1.5.7 matches the 2025 and 2026 notices.
const CORRECTIONS = {};

function fail(msg) {
  process.stderr.write(`gen-calendar: error: ${msg}\n`);
  process.exit(1);
}
const log = (s) => process.stderr.write(s + '\n');

// ---- arguments ----
const [yearArg, outPath, ...extra] = process.argv.slice(2);
if (!yearArg || extra.length || !/^\d{4}$/.test(yearArg)) {
  fail('usage: node tools/gen-calendar/gen.mjs YEAR [OUTPUT.yaml]');
}
const year = Number(yearArg);
const published = PUBLISHED[year];
if (!published) {
  fail(`no PUBLISHED table for ${year} in gen.mjs: copy that year's State Council notice into it first (see README.md)`);
}

// ---- dates (UTC, so the local time zone cannot shift a day) ----
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
function toDate(iso) {
  const m = ISO.exec(iso);
  if (!m) fail(`bad date ${iso}`);
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  if (d.toISOString().slice(0, 10) !== iso) fail(`no such date ${iso}`);
  return d;
}
const iso = (d) => d.toISOString().slice(0, 10);
const nextDay = (d) => new Date(d.getTime() + 86400000);
const isWeekend = (d) => d.getUTCDay() === 0 || d.getUTCDay() === 6;
const WEEKDAY = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const show = (s) => `${s}（${WEEKDAY[toDate(s).getUTCDay()]}）`;

// ---- what the notice says: date -> { kind, name } ----
const want = new Map();
for (const p of published.periods) {
  const [from, to] = p.off.map(toDate);
  if (from > to) fail(`PUBLISHED ${year} ${p.name}: off period ends before it starts`);
  for (let d = from; d <= to; d = nextDay(d)) {
    if (want.has(iso(d))) fail(`PUBLISHED ${year}: ${iso(d)} is listed twice`);
    want.set(iso(d), { kind: 'holiday', name: p.name });
  }
  for (const w of p.work) {
    if (want.has(w)) fail(`PUBLISHED ${year}: ${w} is listed twice`);
    if (!isWeekend(toDate(w))) fail(`PUBLISHED ${year} ${p.name}: working day ${show(w)} is not a weekend day`);
    want.set(w, { kind: 'workday', name: p.name });
  }
}
for (const k of want.keys()) if (!k.startsWith(`${year}-`)) fail(`PUBLISHED ${year}: ${k} is not in ${year}`);

// ---- what chinese-days says (plus CORRECTIONS): date -> { kind, name } ----
const got = new Map();
const inYear = (k) => k.startsWith(`${year}-`);
for (const [kind, table] of [['holiday', CHINESE_DAYS.holidays], ['workday', CHINESE_DAYS.workdays]]) {
  if (!table || typeof table !== 'object') fail(`chinese-days ${CHINESE_DAYS_VERSION}: no ${kind}s table in dist/chinese-days.json`);
  for (const [date, value] of Object.entries(table)) {
    if (!inYear(date)) continue;
    // value: "English name,中文名,days"
    const cn = String(value).split(',')[1];
    if (!Object.hasOwn(NAME_MAP, cn)) fail(`chinese-days ${CHINESE_DAYS_VERSION}: unknown holiday name ${cn} on ${date} (add it to NAME_MAP)`);
    if (got.has(date)) fail(`chinese-days ${CHINESE_DAYS_VERSION}: ${date} is both a holiday and a working day`);
    got.set(date, { kind, name: NAME_MAP[cn] });
  }
}
if (got.size === 0) fail(`chinese-days ${CHINESE_DAYS_VERSION} has no arrangement for ${year}: upgrade it (see README.md)`);

const redundant = [];
for (const [date, c] of Object.entries(CORRECTIONS)) {
  if (!inYear(date)) continue;
  toDate(date);
  if (!['holiday', 'workday', null].includes(c.kind)) fail(`CORRECTIONS ${date}: kind must be 'holiday', 'workday' or null`);
  if (c.kind !== null && !Object.values(NAME_MAP).includes(c.name)) fail(`CORRECTIONS ${date}: unknown name ${c.name}`);
  if (!c.why) fail(`CORRECTIONS ${date}: say why (the notice's wording) in \`why\``);
  const before = got.get(date);
  if (before ? c.kind === before.kind && c.name === before.name : c.kind === null) redundant.push(date);
  if (c.kind === null) got.delete(date);
  else got.set(date, { kind: c.kind, name: c.name });
}

// ---- compare ----
// A chinese-days name matches a period if it is the period's name or one of
// the names of a combined period (国庆节、中秋节 matches 国庆节 and 中秋节).
const nameOk = (gotName, wantName) => gotName === wantName || wantName.split('、').includes(gotName);
const KIND = { holiday: '放假', workday: '调休上班' };
const describe = (e) => (e ? `${KIND[e.kind]} ${e.name}` : '正常（无安排）');
const diffs = [];
for (const date of [...new Set([...want.keys(), ...got.keys()])].sort()) {
  const w = want.get(date);
  const g = got.get(date);
  if (w && g && w.kind === g.kind && nameOk(g.name, w.name)) continue;
  diffs.push(`  ${show(date)}: notice says ${describe(w)}; chinese-days ${CHINESE_DAYS_VERSION} says ${describe(g)}`);
}
if (diffs.length) {
  fail(
    `chinese-days ${CHINESE_DAYS_VERSION} (with CORRECTIONS) differs from the ${year} notice on ${diffs.length} date(s):\n` +
      diffs.join('\n') +
      '\nCheck the notice; if it is right, add these dates to CORRECTIONS in gen.mjs (with a comment), or pin another chinese-days version.',
  );
}

// ---- YAML (from the checked table: names as the notice heads its periods) ----
const entries = (kind) =>
  [...want]
    .filter(([, e]) => e.kind === kind)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, e]) => `  - {date: ${date}, name: ${e.name}}`);
const src = published.source;
const out = [
  `# GENERATED by tools/gen-calendar/gen.mjs from chinese-days ${CHINESE_DAYS_VERSION}. Do not edit by hand.`,
  '# Checked against the State Council notice below (see tools/gen-calendar/README.md).',
  `year: ${year}`,
  'source:',
  `  title: ${src.title}`,
  ...(src.number ? [`  number: ${src.number}`] : []),
  `  issuer: ${src.issuer}`,
  `  date: ${src.date}`,
  'holidays:',
  ...entries('holiday'),
  'workdays:',
  ...entries('workday'),
];
const yaml = out.join('\n') + '\n';

if (outPath) writeFileSync(outPath, yaml);
else process.stdout.write(yaml);

// ---- summary (stderr) ----
let weekdays = 0;
let weekdaysOff = 0;
for (let d = toDate(`${year}-01-01`); d <= toDate(`${year}-12-31`); d = nextDay(d)) {
  if (isWeekend(d)) continue;
  weekdays++;
  if (want.get(iso(d))?.kind === 'holiday') weekdaysOff++;
}
const daysOff = [...want.values()].filter((e) => e.kind === 'holiday').length;
const adjusted = [...want.values()].filter((e) => e.kind === 'workday').length;
log(`${year}: source ${src.title}${src.number ? ` (${src.number})` : ' (number not recorded)'}, ${src.date}`);
log(`${year}: days off: ${daysOff} (${weekdaysOff} of them Mon–Fri)`);
log(`${year}: adjusted working days (调休上班): ${adjusted}`);
log(`${year}: working days: ${weekdays - weekdaysOff + adjusted} (${weekdays} Mon–Fri − ${weekdaysOff} off + ${adjusted} adjusted)`);
log(`${year}: chinese-days ${CHINESE_DAYS_VERSION} agrees with the notice${Object.keys(CORRECTIONS).some(inYear) ? ' (after CORRECTIONS)' : ''}`);
if (redundant.length) log(`note: CORRECTIONS chinese-days already gets right: ${redundant.join(', ')}`);
