// End-to-end test of attache's page in Debian's headless Chromium.
// Needs BASE_URL (a running `attache serve` over crates/server/tests/fixtures/records.jsonl)
// and SHOT_DIR (where the screenshots go). Exits non-zero on the first failure.
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

try {
  await check('timeline renders events', async () => {
    await page.goto(BASE + '/#/timeline');
    await page.waitForSelector('#timeline .event');
    const n = await page.locator('#timeline .event').count();
    assert(n >= 8, `expected at least 8 events, saw ${n}`);
    assert(await page.locator('.strip circle').count() >= 8, 'the time strip has no dots');
    await page.screenshot({ path: join(SHOTS, 'timeline.png'), fullPage: true });
  });

  await check('filters narrow the timeline', async () => {
    await page.selectOption('#f-type', 'ACCUSE');
    await page.click('#filters button[type=submit]');
    await page.waitForFunction(() => [...document.querySelectorAll('#timeline .badge')].every((b) => b.textContent === 'ACCUSE'));
    const n = await page.locator('#timeline .event').count();
    assert(n >= 2, `expected ACCUSE events, saw ${n}`);
    await page.click('#f-clear');
    await page.waitForFunction(() => document.querySelectorAll('#timeline .event').length >= 8);
  });

  await check('clicking an actor shows its profile and offices', async () => {
    await page.locator('#timeline .actor-link', { hasText: 'Annalena Baerbock' }).first().click();
    await page.waitForSelector('#profile-name');
    assert((await page.textContent('#profile-name')) === 'Annalena Baerbock', 'wrong profile');
    const profile = await page.textContent('#profile');
    assert(profile.includes('Foreign Minister'), 'no office in the profile');
    assert(profile.includes('DEU'), 'no country in the profile');
    await page.click('#profile .close');
  });

  await check('network draws actors and edges; clicking a node opens its profile', async () => {
    await page.goto(BASE + '/#/network');
    await page.waitForSelector('#network .node');
    assert(await page.locator('#network line').count() >= 3, 'too few edges');
    await page.locator('#network .node[data-name="Catherine Colonna"] circle').click();
    await page.waitForFunction(() => document.querySelector('#profile-name')?.textContent === 'Catherine Colonna');
    await page.screenshot({ path: join(SHOTS, 'network.png') });
    await page.click('#profile .close');
  });

  await check('the event view highlights evidence, actors and dates', async () => {
    await page.goto(BASE + '/#/timeline');
    await page.locator('#timeline .event', { hasText: 'met French Foreign Minister' }).first().click();
    await page.waitForSelector('#doc-body .evidence.focus');
    const focus = await page.locator('#doc-body .evidence.focus').allTextContents();
    assert(focus.join('').includes('met French Foreign Minister Catherine Colonna'), 'wrong evidence in focus: ' + focus.join(''));
    assert(await page.locator('#doc-body .actor').count() >= 4, 'actors not highlighted');
    assert((await page.locator('#doc-body .timex').allTextContents()).includes('Tuesday'), 'timex not highlighted');
    await page.screenshot({ path: join(SHOTS, 'event.png'), fullPage: true });
    await page.locator('#doc-body .actor', { hasText: 'Colonna' }).first().click();
    await page.waitForFunction(() => document.querySelector('#profile-name')?.textContent === 'Catherine Colonna');
    await page.click('#profile .close');
  });

  await check('markup in an article renders as text and runs nothing', async () => {
    await page.goto(BASE + '/#/doc/fx-hostile');
    await page.waitForSelector('#doc-body');
    const title = await page.textContent('#doc-title');
    assert(title.includes('<script>alert(1)</script>') && title.includes('<img src=x onerror=alert(2)>'), 'title not shown as text: ' + title);
    const body = await page.textContent('#doc-body');
    assert(body.includes('<script>alert(3)</script>') && body.includes('onerror=alert(4)'), 'body not shown as text');
    const injected = await page.evaluate(() => document.querySelectorAll('main script, main img, #profile script, #profile img').length);
    assert(injected === 0, `${injected} elements were injected`);
    await page.goto(BASE + '/#/timeline');
    await page.waitForSelector('#timeline .event');
    await page.waitForTimeout(300);
    assert(await page.evaluate(() => document.querySelectorAll('main img, main script').length) === 0, 'elements injected in the timeline');
  });

  await check('search shows matching sentences with the words marked', async () => {
    await page.goto(BASE + '/#/search?q=general%20strike');
    await page.waitForSelector('#search-results mark');
    const marks = await page.locator('#search-results mark').allTextContents();
    assert(marks.includes('general') && marks.includes('strike'), 'marks: ' + marks.join(','));
  });

  await check('no dialog, page error, console error or outside request', async () => {
    assert(problems.length === 0, problems.join('; '));
  });
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
