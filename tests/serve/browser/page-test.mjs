// yibao serve's page in headless Chromium (Debian's chromium, driven by puppeteer-core): fills
// the form for 常德 → 长沙 职工医保 on a fixed date, checks the rendered answer against
// `yibao transfer … --format json`, then an unknown city's error message, then the answer in
// English. Any console error, page error, failed request or unexpected HTTP error fails it.
//   node page-test.mjs YIBAO CHROMIUM
import { spawn, execFileSync } from 'node:child_process';
import puppeteer from 'puppeteer-core';

const [yibao, chromium] = process.argv.slice(2);
const DATE = '2026-11-30';
let failures = 0;
const ok = (name) => console.log(`ok - ${name}`);
const notOk = (name, detail) => { failures++; console.log(`not ok - ${name}${detail ? `: ${detail}` : ''}`); };
const check = (name, cond, detail) => (cond ? ok(name) : notOk(name, detail));

const expected = JSON.parse(execFileSync(yibao, ['transfer', '--from', '常德', '--to', '长沙', '--type', 'employee',
  '--date', DATE, '--format', 'json'], { encoding: 'utf8' }));
const dues = [...expected.steps.map((s) => s.deadline && s.deadline.due), ...expected.deadlines.map((d) => d.due)]
  .filter(Boolean).sort();

const server = spawn(yibao, ['serve', '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'ignore', 'pipe'] });
const base = await new Promise((resolve, reject) => {
  let log = '';
  const timer = setTimeout(() => reject(new Error(`the server did not say where it listens: ${log}`)), 10000);
  server.stderr.on('data', (d) => {
    log += d;
    const m = log.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    if (m) { clearTimeout(timer); resolve(m[1]); }
  });
  server.on('exit', (code) => reject(new Error(`the server exited with ${code}: ${log}`)));
});

const browser = await puppeteer.launch({ executablePath: chromium, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
const problems = [];
let allowed = []; // [status, path] that the step under way expects
try {
  const page = await browser.newPage();
  page.on('console', (m) => {
    // An HTTP error status is also said on the console; those are checked by status below.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource: the server responded'))
      problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure() && r.failure().errorText}`));
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (r.status() >= 400 && !allowed.some(([s, p]) => s === r.status() && p === path))
      problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });

  const res = await page.goto(`${base}/`, { waitUntil: 'networkidle0' });
  check('the page loads with the CSP header', res.status() === 200 &&
    /default-src 'self'/.test(res.headers()['content-security-policy'] || ''));
  await page.waitForSelector('#in-from');
  check('the form offers every procedure', (await page.$$eval('input[name=procedure]', (xs) => xs.map((x) => x.value)))
    .join(' ') === 'transfer region-change activate refund dental waiting');
  check('the inputs have labels', await page.$$eval('#inputs input, #inputs select',
    (xs) => xs.every((x) => x.labels && x.labels.length > 0)));

  // The city suggestions: a partial name may be unknown (404 with suggestions).
  allowed = [[404, '/v1/cities']];
  await page.click('#in-from');
  await page.keyboard.type('常德');
  await page.waitForFunction(() => [...document.querySelectorAll('#cities option')].some((o) => o.value === '常德市'),
    { timeout: 5000 }).then(() => ok('typing 常德 suggests 常德市'), () => notOk('typing 常德 suggests 常德市'));
  await page.click('#in-to');
  await page.keyboard.type('长沙');
  await page.select('#in-type', 'employee');
  await page.$eval('#date', (e, d) => { e.value = d; }, DATE);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#result .conclusion', { timeout: 10000 });
  const text = (sel) => page.$eval(sel, (e) => e.textContent);
  check('the conclusion names the procedure', (await text('#result .conclusion h2')).includes(expected.title));
  check('the due date is the answer\'s', (await text('#result .c-due')) === dues[dues.length - 1],
    `${await text('#result .c-due')} vs ${dues[dues.length - 1]}`);
  check('where to apply names the cities', /常德市/.test(await text('#result .c-where')) && /长沙市/.test(await text('#result .c-where')));
  const titles = await page.$$eval('#result .step-title', (xs) => xs.map((x) => x.textContent));
  check('the steps are the answer\'s', JSON.stringify(titles) === JSON.stringify(expected.steps.map((s) => s.title)),
    JSON.stringify(titles));
  check('the sources are listed, numbered', (await page.$$eval('#result .sources li', (xs) => xs.length)) === expected.sources.length);
  check('the answer region is live', (await page.$eval('#result', (e) => e.getAttribute('aria-live'))) === 'polite');

  // An unknown city: the API's 400 and its message in the live region.
  allowed = [[404, '/v1/cities'], [400, '/v1/answer']];
  await page.$eval('#in-from', (e) => { e.value = ''; });
  await page.click('#in-from');
  await page.keyboard.type('nowhere');
  await page.click('#submit');
  await page.waitForSelector('#result .error .message', { timeout: 10000 });
  const message = await text('#result .error .message');
  check('an unknown city shows the API\'s error message', message.includes('nowhere') && message.includes('未找到'), message);

  // In English.
  allowed = [[404, '/v1/cities']];
  await page.$eval('#in-from', (e) => { e.value = ''; });
  await page.click('#in-from');
  await page.keyboard.type('changde');
  await page.select('#lang', 'en');
  await page.click('#submit');
  await page.waitForSelector('#result .conclusion', { timeout: 10000 });
  check('lang=en answers in English', (await text('#result .conclusion h2')).startsWith('Conclusion'));
} catch (e) {
  notOk('the page test ran to its end', e.stack);
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
check('no console error, page error or failed request', problems.length === 0, problems.join('; '));
console.log(`${failures ? 'FAILED' : 'passed'}: ${failures} failed`);
process.exit(failures ? 1 : 0);
