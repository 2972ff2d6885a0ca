// Walks newsarc serve's interface in headless Chromium as a user would and
// reports what each view shows (tests/cli/serve_browser_test.cc asserts):
// the articles list, a search typed into the search box, a diff and a step
// to the next changed version (keyboard "n"), the side-by-side view ("s"),
// the article page, its replay frame, and the changes list. One screenshot
// per view in --shots.
//
//   node serve_ui.mjs --ui http://127.0.0.1:P --shots DIR --article URL
//        --diff-to N --search WORD
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, parseArgs, runJson } from './browser.mjs';

const TIMEOUT = 30000;

await runJson(async () => {
  const args = parseArgs(process.argv.slice(2));
  fs.mkdirSync(args.shots, { recursive: true });
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e.message)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    const replayResponses = [];
    page.on('response', (r) => {
      if (r.url().startsWith(args.replay || '\u0000')) {
        replayResponses.push({ url: r.url(), status: r.status(), csp: r.headers()['content-security-policy'] || '' });
      }
    });
    const ready = async () => page.locator('main[data-ready="1"]').waitFor({ timeout: TIMEOUT });
    const shot = async (name) => page.screenshot({ path: path.join(args.shots, `${name}.png`), fullPage: true });
    const out = { errors };

    // Articles.
    await page.goto(`${args.ui}/articles`);
    await ready();
    out.articles = await page.locator('#articles tbody tr').evaluateAll((rows) =>
      rows.map((r) => ({ title: r.querySelector('a').textContent, url: r.querySelector('.url').textContent })));
    // j moves to the first row, Enter opens it.
    await page.keyboard.press('j');
    out.focused_row = await page.evaluate(() => document.activeElement && document.activeElement.dataset.href);
    await shot('articles');

    // Search, typed into the header's search box.
    await page.keyboard.press('/');
    await page.keyboard.type(args.search);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?/, { timeout: TIMEOUT });
    await ready();
    out.search_url = page.url();
    out.search = await page.locator('#hits li').evaluateAll((items) => items.map((li) => ({
      title: li.querySelector('.hit-title').textContent,
      marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
      href: li.querySelector('a').getAttribute('href'),
    })));
    out.search_total = await page.locator('#search-total').textContent();
    await shot('search');

    // A diff, then the next changed version.
    const diffUrl = `${args.ui}/diff?url=${encodeURIComponent(args.article)}&to=${args['diff-to']}`;
    await page.goto(diffUrl);
    await ready();
    const diffState = async () => ({
      url: page.url(),
      here: await page.locator('.steps .here').textContent(),
      inserted: await page.locator('#diff-body ins').allTextContents(),
      deleted: await page.locator('#diff-body del').allTextContents(),
    });
    out.diff = await diffState();
    await shot('diff');
    await page.keyboard.press('n');
    await page.waitForURL((u) => u.toString() !== out.diff.url, { timeout: TIMEOUT });
    await ready();
    out.diff_next = await diffState();
    await shot('diff-next');
    await page.keyboard.press('s');
    await page.waitForURL(/view=side/, { timeout: TIMEOUT });
    await ready();
    out.side_by_side = await page.locator('.side-by-side .before, .side-by-side .after').count();
    await shot('diff-side-by-side');

    // The article, and its replay.
    await page.goto(`${args.ui}/article?url=${encodeURIComponent(args.article)}`);
    await ready();
    out.article = {
      title: await page.locator('h1.article-title').textContent(),
      verify: await page.locator('#verify-status').textContent(),
      ticks: await page.locator('.timeline .tick').count(),
      changed_ticks: await page.locator('.timeline .tick.changed').count(),
    };
    await shot('article');
    await page.locator('#replay-link').click();
    await page.waitForURL(/\/replay\?/, { timeout: TIMEOUT });
    await ready();
    const frameEl = page.locator('#replay-frame');
    out.replay = {
      sandbox: await frameEl.getAttribute('sandbox'),
      src: await frameEl.getAttribute('src'),
      ui_origin: new URL(page.url()).origin,
    };
    let text = '';
    for (const deadline = Date.now() + TIMEOUT; Date.now() < deadline;) {
      const f = page.frames().find((fr) => fr !== page.mainFrame() && fr.url().startsWith(args.replay));
      if (f) {
        text = await f.locator('body').innerText({ timeout: 5000 }).catch(() => '');
        if (text.trim()) break;
      }
      await page.waitForTimeout(200);
    }
    out.replay.text = text;
    out.replay.responses = replayResponses;
    await shot('replay');

    // Changes.
    await page.goto(`${args.ui}/changes`);
    await ready();
    out.changes = await page.locator('#changes tbody tr').evaluateAll((rows) =>
      rows.map((r) => ({ kind: r.querySelector('.badge').textContent, url: r.querySelector('.url').textContent })));
    out.feed = await page.locator('a.feed').getAttribute('href');
    await shot('changes');
    return out;
  } finally {
    await browser.close();
  }
});
