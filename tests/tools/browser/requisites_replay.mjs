// Opens a WARC in ReplayWeb.page in headless Chromium and reports, for each
// capture asked for, what its replay frame made of the page's requisites:
// the computed styles the test names, each image's natural width and the
// source the browser picked, and the resources the frame loaded. It asserts
// nothing: tests/cli/requisites_replay_test.cc does.
//
//   node requisites_replay.mjs --app http://127.0.0.1:P/index.html
//        --source http://127.0.0.1:P/x.warc.gz --shots DIR --open URL@TS [--open ...]
//        [--style SELECTOR:PROPERTY ...] [--width PIXELS]
//
// ReplayWeb.page and the WARC come from one origin. Screenshots:
// DIR/capture-N.png for the N-th --open.
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, parseArgs, runJson } from './browser.mjs';

const TIMEOUT = 60000;

await runJson(async () => {
  const args = parseArgs(process.argv.slice(2));
  const opens = [].concat(args.open || []);
  const styles = [].concat(args.style || []);
  fs.mkdirSync(args.shots, { recursive: true });
  const browser = await launchBrowser();
  try {
    const width = Number(args.width || 1280);
    const context = await browser.newContext({ viewport: { width, height: 1000 } });
    const base = `${args.app}?source=${encodeURIComponent(args.source)}`;
    const opened = [];
    for (let n = 0; n < opens.length; n++) {
      const at = opens[n].lastIndexOf('@');
      const url = opens[n].slice(0, at);
      const ts = opens[n].slice(at + 1);
      const tab = await context.newPage();
      await tab.goto(`${base}#view=pages&url=${encodeURIComponent(url)}&ts=${ts}`);
      // The replay frame: .../w/<collection>/<14-digit ts>mp_/<url>.
      let frame = null;
      const deadline = Date.now() + TIMEOUT;
      while (Date.now() < deadline && !frame) {
        frame = tab.frames().find((f) => /\/\d{14}mp_\//.test(f.url()) && f.url().endsWith(url));
        if (!frame) await tab.waitForTimeout(250);
      }
      if (!frame) throw new Error(`no replay frame for ${url} within ${TIMEOUT} ms`);
      await frame.waitForLoadState('load', { timeout: TIMEOUT });
      // Images settle (loaded or broken) before they are measured.
      await frame.waitForFunction(() => [...document.images].every((i) => i.complete),
                                  null, { timeout: TIMEOUT });
      const report = await frame.evaluate((wanted) => {
        const computed = {};
        for (const w of wanted) {
          const colon = w.lastIndexOf(':');
          const el = document.querySelector(w.slice(0, colon));
          computed[w] = el ? getComputedStyle(el).getPropertyValue(w.slice(colon + 1)) : null;
        }
        return {
          styles: computed,
          images: [...document.images].map((i) => ({ id: i.id, width: i.naturalWidth,
                                                      src: i.currentSrc })),
          resources: performance.getEntriesByType('resource').map((e) => ({
            name: e.name, status: e.responseStatus })),
        };
      }, styles);
      await tab.screenshot({ path: path.join(args.shots, `capture-${n + 1}.png`) });
      await tab.close();
      opened.push({ url, ts, frame: frame.url(), ...report });
    }
    return { opened };
  } finally {
    await browser.close();
  }
});
