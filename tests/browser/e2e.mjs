// End-to-end test of attache's page in Debian's headless Chromium.
// Needs BASE_URL (a running `attache serve --db` over the seeds and wire-2016, see run.sh),
// TOKEN (its ingest token) and SHOT_DIR (where the screenshots go). Exits non-zero on the first failure.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const BASE = process.env.BASE_URL;
const SHOTS = process.env.SHOT_DIR || 'target/screenshots';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
if (!BASE) throw new Error('BASE_URL is not set');
mkdirSync(SHOTS, { recursive: true });

const problems = [];
let passed = 0, failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log('ok   ' + name);
  } catch (err) {
    failed++;
    console.log('FAIL ' + name + ': ' + (err && err.message ? err.message.split('\n')[0] : err));
  }
}
function assert(cond, msg) { if (!cond) throw new Error(msg); }

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
const page = await context.newPage();
page.setDefaultTimeout(10000);
page.on('dialog', async (d) => { problems.push('a dialog fired: ' + d.type() + ' ' + d.message()); await d.dismiss(); });
page.on('pageerror', (e) => problems.push('page error: ' + e.message));
page.on('console', (m) => { if (m.type() === 'error') problems.push('console error: ' + m.text()); });
page.on('request', (r) => { if (!r.url().startsWith(BASE)) problems.push('request outside the server: ' + r.url()); });

const TOKEN = process.env.TOKEN;
const CHOI = 'Choi Jong-kun', SHERMAN = 'Wendy Sherman';

try {
  await check('timeline renders events', async () => {
    await page.goto(BASE + '/#/timeline');
    await page.waitForSelector('#timeline .event');
    const n = await page.locator('#timeline .event').count();
    assert(n >= 100, `expected at least 100 events, saw ${n}`);
    assert(await page.locator('.strip circle').count() >= 100, 'the time strip has too few dots');
    await page.screenshot({ path: join(SHOTS, 'timeline.png') });
  });

  await check('filters narrow the timeline', async () => {
    await page.selectOption('#f-type', 'ACCUSE');
    await page.click('#filters button[type=submit]');
    await page.waitForFunction(() => [...document.querySelectorAll('#timeline .badge')].every((b) => b.textContent === 'ACCUSE'));
    const n = await page.locator('#timeline .event').count();
    assert(n >= 5, `expected ACCUSE events, saw ${n}`);
    await page.click('#f-clear');
    await page.waitForFunction(() => document.querySelectorAll('#timeline .event').length >= 100);
  });

  await check('clicking an actor shows its profile', async () => {
    await page.goto(BASE + '/#/timeline?a=' + encodeURIComponent(CHOI) + '&b=' + encodeURIComponent(SHERMAN));
    await page.waitForSelector('#timeline .event');
    await page.locator('#timeline .actor-link', { hasText: SHERMAN }).first().click();
    await page.waitForFunction((n) => document.querySelector('#profile-name')?.textContent === n, SHERMAN);
    const profile = await page.textContent('#profile');
    assert(profile.includes('2021-11-16') && profile.includes('2022-01-19'), 'the profile lacks the meeting and the call');
    await page.click('#profile .close');
  });

  await check('network draws actors and edges; clicking a node opens its profile', async () => {
    await page.goto(BASE + '/#/network');
    await page.waitForSelector('#network .node');
    assert(await page.locator('#network line').count() >= 20, 'too few edges');
    await page.locator('#network .node[data-name="North Korea"] circle').first().click();
    await page.waitForFunction(() => document.querySelector('#profile-name')?.textContent === 'North Korea');
    await page.screenshot({ path: join(SHOTS, 'network.png') });
    await page.click('#profile .close');
  });

  await check('the Choi-Sherman meeting: evidence, actors and dates highlighted', async () => {
    await page.goto(BASE + '/#/timeline?a=' + encodeURIComponent(CHOI) + '&b=' + encodeURIComponent(SHERMAN));
    await page.waitForSelector('#timeline .event');
    await page.locator('#timeline .day', { hasText: '2021-11-16' }).locator('.event', { hasText: 'CONSULT' }).first().click();
    await page.waitForSelector('#doc-body .evidence.focus');
    const focus = (await page.locator('#doc-body .evidence.focus').allTextContents()).join('');
    assert(focus.includes('Sherman') || focus.includes('Choi'), 'wrong evidence in focus: ' + focus);
    const actors = await page.locator('#doc-body .actor').allTextContents();
    assert(actors.some((a) => a.includes('Choi')) && actors.some((a) => a.includes('Sherman')), 'actors not highlighted: ' + actors.join('|'));
    assert((await page.locator('#doc-body .timex').count()) >= 1, 'no time expression highlighted');
    assert(!(await page.textContent('.doc .legend')).includes('not placed'), 'annotations not placed');
    await page.screenshot({ path: join(SHOTS, 'event.png') });
    await page.locator('#doc-body .actor', { hasText: 'Sherman' }).first().click();
    await page.waitForFunction((n) => document.querySelector('#profile-name')?.textContent === n, SHERMAN);
    await page.click('#profile .close');
  });

  await check('markup in a posted article renders as text and runs nothing', async () => {
    const item = [{
      doc: 'fx-hostile', source: 'Test', published: '2016-05-01',
      title: 'Protest <script>alert(1)</script> <img src=x onerror=alert(2)>',
      text: 'SEOUL, May 1 -- Protesters in Seoul carried signs reading <script>alert(3)</script> and ' +
        '<img src=x onerror=alert(4)> on Sunday, police said.\n\nThe protest ended peacefully.',
    }];
    const resp = await fetch(BASE + '/api/ingest', { method: 'POST', body: JSON.stringify(item),
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + TOKEN } });
    assert(resp.ok, 'ingest failed: ' + resp.status + ' ' + await resp.text());
    await page.goto(BASE + '/#/doc/fx-hostile');
    await page.waitForSelector('#doc-body');
    const title = await page.textContent('#doc-title');
    assert(title.includes('<script>alert(1)</script>') && title.includes('<img src=x onerror=alert(2)>'), 'title not shown as text: ' + title);
    const body = await page.textContent('#doc-body');
    assert(body.includes('alert(3)') || body.includes('Protesters'), 'body missing: ' + body);
    const injected = await page.evaluate(() => document.querySelectorAll('main script, main img, #profile script, #profile img').length);
    assert(injected === 0, `${injected} elements were injected`);
    await page.goto(BASE + '/#/docs');
    await page.waitForTimeout(300);
    assert(await page.evaluate(() => document.querySelectorAll('main img, main script').length) === 0, 'elements injected in the list');
  });

  await check('search shows matching sentences; a hit opens its sentence marked', async () => {
    await page.goto(BASE + '/#/search?q=nuclear%20test');
    await page.waitForSelector('#search-results mark');
    const marks = (await page.locator('#search-results mark').allTextContents()).map((m) => m.toLowerCase());
    assert(marks.includes('nuclear') && marks.includes('test'), 'marks: ' + marks.join(','));
    await page.locator('#search-results a.title').first().click();
    await page.waitForSelector('#doc-body .hit');
    const hit = (await page.locator('#doc-body .hit').allTextContents()).join('').toLowerCase();
    assert(hit.includes('nuclear') && hit.includes('test'), 'the marked sentence: ' + hit);
  });

  await check('no dialog, page error, console error or outside request', async () => {
    assert(problems.length === 0, problems.join('; '));
  });
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
