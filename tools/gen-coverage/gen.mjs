// Writes the province table of docs/coverage.md from the rules themselves: for each of the 31
// provinces and each procedure with places (transfer, region-change, activate), the items its
// own layers carry (in its province file and in the procedure files), the sources they cite
// (official or not), its cities' own layers, and what was looked for and not found.
//
//   node tools/gen-coverage/gen.mjs docs/coverage.md     (from the repository root)
//
// The table sits between the markers <!-- provinces:begin --> and <!-- provinces:end -->; the
// rest of the file is left as it is. The output is deterministic.
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../rules');
const read = (f) => yaml.load(fs.readFileSync(path.join(root, f), 'utf8'));
const PROCS = ['transfer', 'region-change', 'activate'];
const KINDS = ['steps', 'materials', 'deadlines', 'notes', 'verdicts', 'estimates', 'waits'];

const corpus = read('corpus.yaml');
const list = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const gaz = read(corpus.files.gazetteer);
const provinces = gaz.provinces;
const byName = new Map();
for (const p of provinces)
  for (const k of [p.adcode, p.name, p.short, p.slug]) byName.set(String(k), p);
const cityProvince = new Map();
for (const c of gaz.cities)
  for (const k of [c.adcode, c.name, c.short, c.slug])
    cityProvince.set(String(k), { city: c, province: c.adcode.slice(0, 2) + '0000' });

// Every source of the catalogues and the province files, by id.
const sources = new Map();
for (const f of list(corpus.files.sources)) for (const s of read(f).sources || []) sources.set(s.id, s);
const provinceFiles = list(corpus.files.provinces).map((f) => ({ file: f, data: read(f) || {} }));
for (const { data } of provinceFiles) for (const s of data.sources || []) sources.set(s.id, s);

// The items of a tree and the sources they cite.
function walk(node, out) {
  if (!node || typeof node !== 'object') return;
  for (const k of KINDS)
    for (const it of node[k] || []) {
      out.items++;
      for (const s of it.sources || []) out.sources.add(s);
      for (const s of (it.deadline && it.deadline.sources) || []) out.sources.add(s);
    }
  for (const t of node.then || []) walk(t, out);
  for (const c of node.cases || []) walk(c, out);
  if (node.default) walk(node.default, out);
}

const table = new Map(); // adcode -> {proc -> {items, sources:Set, cities:Set}}
function cell(adcode, proc) {
  if (!table.has(adcode)) table.set(adcode, {});
  const row = table.get(adcode);
  return (row[proc] ??= { items: 0, sources: new Set(), cities: new Set() });
}
function addLayer(proc, layer) {
  if (layer.level === 'national') return;
  const area = String(layer.area);
  const hit = layer.level === 'province' ? byName.get(area) : cityProvince.get(area);
  if (!hit) throw new Error(`unknown area ${area}`);
  const adcode = layer.level === 'province' ? hit.adcode : hit.province;
  const c = cell(adcode, proc);
  walk(layer.tree, c);
  if (layer.level === 'city') c.cities.add(hit.city.name);
}
for (const [proc, file] of Object.entries(corpus.procedures))
  if (PROCS.includes(proc)) for (const layer of read(file).layers || []) addLayer(proc, layer);
const notFound = new Map(); // adcode -> [{procedure, looked_for}]
for (const { data } of provinceFiles) {
  const p = byName.get(String(data.province));
  for (const [proc, layers] of Object.entries(data.layers || {}))
    if (PROCS.includes(proc)) for (const layer of layers) addLayer(proc, layer);
  notFound.set(p.adcode, data.not_found || []);
}

const kinds = (set) => {
  let official = 0, other = 0;
  for (const id of set) {
    const s = sources.get(id);
    if (s && s.kind === 'official') official++;
    else other++;
  }
  return { official, other };
};
const lines = [
  '| 省份 | transfer 转移接续 | region-change 参保地变更 | activate 医保卡激活 | 城市自己的规定 | 找过、没找到的 |',
  '| --- | --- | --- | --- | --- | --- |',
];
const totals = { covered: Object.fromEntries(PROCS.map((p) => [p, 0])), official: new Set(), other: new Set(), cities: new Set() };
for (const p of provinces) {
  const row = table.get(p.adcode) || {};
  const cities = new Set();
  const cells = PROCS.map((proc) => {
    const c = row[proc];
    if (!c || !c.items) return '—';
    totals.covered[proc]++;
    c.cities.forEach((x) => { cities.add(x); totals.cities.add(x); });
    for (const id of c.sources) (sources.get(id)?.kind === 'official' ? totals.official : totals.other).add(id);
    const k = kinds(c.sources);
    return `${c.items} 项；来源 官方 ${k.official}，其他 ${k.other}`;
  });
  const missing = (notFound.get(p.adcode) || []).map((n) => `${n.procedure}：${n.looked_for}`).join('；');
  lines.push(`| ${p.name} | ${cells.join(' | ')} | ${[...cities].join('、') || '—'} | ${missing || '—'} |`);
}
lines.push('');
lines.push(`Provinces with items of their own: transfer ${totals.covered.transfer}, region-change ` +
  `${totals.covered['region-change']}, activate ${totals.covered.activate} (of ${provinces.length}); ` +
  `cities with layers of their own: ${totals.cities.size}; sources cited by these layers: ` +
  `${totals.official.size} official, ${totals.other.size} other (web pages and articles, marked 未经官方文件证实).`);

const out = process.argv[2];
const begin = '<!-- provinces:begin -->', end = '<!-- provinces:end -->';
const doc = fs.readFileSync(out, 'utf8');
const i = doc.indexOf(begin), j = doc.indexOf(end);
if (i < 0 || j < i) throw new Error(`${out}: no ${begin} … ${end} markers`);
fs.writeFileSync(out, doc.slice(0, i + begin.length) + '\n' + lines.join('\n') + '\n' + doc.slice(j));
