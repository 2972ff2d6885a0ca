// Opens a WACZ in ReplayWeb.page (the reference WACZ reader, from its npm
// tarball) in headless Chromium and reports what a user sees: the titles and
// URLs of the pages list, and for each capture asked for, the text of its
// replay frame. It asserts nothing: tests/cli/wacz_replay_test.cc does.
//
//   node wacz_replay.mjs --app http://127.0.0.1:P/index.html --wacz http://127.0.0.1:P/x.wacz
//        --shots DIR [--open URL@TS ...]
//
// ReplayWeb.page and the WACZ must come from one origin (its service worker
// fetches the WACZ by HTTP range requests). Screenshots: DIR/pages.png and
// DIR/capture-N.png for the N-th --open.
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, parseArgs, runJson } from './browser.mjs';

const TIMEOUT = 60000;

await runJson(async () => {
  const args = parseArgs(process.argv.slice(2));
  const opens = [].concat(args.open || []);
  fs.mkdirSync(args.shots, { recursive: true });
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1600 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e.message)));
    const base = `${args.app}?source=${encodeURIComponent(args.wacz)}`;
    await page.goto(base);
    // The pages list: each row's title and URL are <keyword-mark> elements
    // (inside shadow roots, which playwright's CSS locators pierce).
    const marks = page.locator('keyword-mark');
    await marks.first().waitFor({ timeout: TIMEOUT });
    // Rows render in batches: wait until their number holds for a second.
    let count = await marks.count();
    for (let stable = 0; stable < 4; ) {
      await page.waitForTimeout(250);
      const now = await marks.count();
      stable = now === count ? stable + 1 : 0;
      count = now;
    }
    const texts = [];
    for (let i = 0; i < count; i++) texts.push((await marks.nth(i).textContent()) || '');
    const pages = [];
    for (let i = 0; i + 1 < texts.length; i += 2) pages.push({ title: texts[i], url: texts[i + 1] });
    await page.screenshot({ path: path.join(args.shots, 'pages.png'), fullPage: true });

    const opened = [];
    for (let n = 0; n < opens.length; n++) {
      const at = opens[n].lastIndexOf('@');
      const url = opens[n].slice(0, at);
      const ts = opens[n].slice(at + 1);
      // The reader's own address for one capture (what clicking a page row
      // does), in a tab of its own so no earlier replay frame lingers.
      const tab = await context.newPage();
      await tab.goto(`${base}#view=pages&url=${encodeURIComponent(url)}&ts=${ts}`);
      // The replay frame's address names the capture it shows:
      // .../w/<collection>/:<hash>/<14-digit ts>mp_/<url>.
      let text = '';
      let shown = '';
      const deadline = Date.now() + TIMEOUT;
      while (Date.now() < deadline) {
        const frame = tab.frames().find((f) => /\/\d{14}mp_\//.test(f.url()) &&
                                               f.url().endsWith(url));
        if (frame) {
          shown = frame.url().match(/\/(\d{14})mp_\//)[1];
          text = await frame.locator('body').innerText({ timeout: 5000 }).catch(() => '');
          if (text.trim()) break;
        }
        await tab.waitForTimeout(250);
      }
      await tab.screenshot({ path: path.join(args.shots, `capture-${n + 1}.png`) });
      await tab.close();
      opened.push({ url, ts, shown, text });
    }
    return { pages, opened, errors };
  } finally {
    await browser.close();
  }
});
