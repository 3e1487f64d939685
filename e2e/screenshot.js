#!/usr/bin/env node
// Full-page screenshot of a Mayak page with Debian's Chromium, for
// developers to look at screens.
//
//   node e2e/screenshot.js URL OUT.png [--width 1280] [--height 800] [--lang ru|be|en]
//
// --lang sends the language as the mayak_lang cookie and Accept-Language
// (a ?lang= in the URL still wins, as on the server). Without --lang the
// browser asks for Russian, the default of a Belarusian visitor.
// The server must already be running, e.g.
//   MAYAK_DEMO_PASSWORD=demo target/debug/mayak serve --demo --data-dir /tmp/mayak-demo --listen 127.0.0.1:8080

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from './chromium.js';

const LOCALES = { ru: 'ru-RU', be: 'be-BY', en: 'en-GB' };
const USAGE = 'usage: node e2e/screenshot.js URL OUT.png [--width 1280] [--height 800] [--lang ru|be|en]';

function fail(msg) {
  console.error(`screenshot: ${msg}\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      width: { type: 'string', default: '1280' },
      height: { type: 'string', default: '800' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (e) {
  fail(e.message);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals.length !== 2) fail('expected URL and OUT.png');
const [rawUrl, out] = positionals;
let url;
try {
  url = new URL(rawUrl);
} catch {
  fail(`not an absolute URL: ${rawUrl}`);
}
const width = Number(values.width);
const height = Number(values.height);
if (!Number.isInteger(width) || width < 200 || width > 4000) fail(`bad --width ${values.width}`);
if (!Number.isInteger(height) || height < 200 || height > 4000) fail(`bad --height ${values.height}`);
if (values.lang !== undefined && !(values.lang in LOCALES)) fail(`bad --lang ${values.lang}`);

const browser = await launchChromium();
let status = 0;
try {
  const context = await browser.newContext({
    viewport: { width, height },
    locale: LOCALES[values.lang || 'ru'],
  });
  if (values.lang) {
    await context.addCookies([{ name: 'mayak_lang', value: values.lang, url: url.origin + '/' }]);
  }
  const page = await context.newPage();
  const res = await page.goto(url.href, { waitUntil: 'load', timeout: 30_000 });
  mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  await page.screenshot({ path: out, fullPage: true });
  console.log(`${path.resolve(out)}  (${res ? res.status() : '?'} ${url.href}, ${width}px wide)`);
} catch (e) {
  console.error(`screenshot: ${e.message}`);
  status = 1;
} finally {
  await browser.close();
}
process.exit(status);
