// Headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core,
// for newsarc's browser tests. Playwright never downloads a browser here: the
// machine has no internet beyond Debian's mirrors and the npm registry.
//
// The flags keep Chromium off the network it would reach for by itself
// (component updates, sync, safe browsing...), which this machine refuses.
import { chromium } from 'playwright-core';
import fs from 'node:fs';

export const CHROMIUM = process.env.NEWSARC_CHROMIUM || '/usr/bin/chromium';

export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM}: not found (Debian package chromium; scripts/setup installs it)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           '--disable-default-apps', '--disable-extensions'],
  });
}

// argv "--name value" pairs -> { name: value } (repeated names -> arrays).
export function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--') || i + 1 >= argv.length) throw new Error(`bad argument: ${a}`);
    const key = a.slice(2);
    const value = argv[++i];
    if (key in out) out[key] = [].concat(out[key], value);
    else out[key] = value;
  }
  return out;
}

// Runs `main`, printing its result as one JSON line on stdout; a harness
// failure (timeout, browser crash) prints {"error": ...} and exits 1.
export async function runJson(main) {
  try {
    const result = await main();
    process.stdout.write(JSON.stringify(result) + '\n');
  } catch (e) {
    process.stdout.write(JSON.stringify({ error: String(e && e.stack || e) }) + '\n');
    process.exitCode = 1;
  }
}
