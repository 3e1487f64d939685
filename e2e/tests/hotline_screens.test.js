// Every hotline screen on a phone: at 360 px wide, in Russian, Belarusian and
// English, no page scrolls sideways (wide tables scroll inside their own
// frame), and every form control has a label. Screenshots go to $E2E_SHOTS.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { enrolAndSignIn, screenshot, useMayak, watchPage } from '../harness.js';

const STAFF = [
  ['hotline-new', '/hotline/new'],
  ['hotline-log', '/hotline'],
  ['hotline-queue', '/hotline/requests'],
  ['hotline-check-agencies', '/hotline/checks/agencies'],
  ['hotline-check-offer', '/hotline/checks/offer'],
  ['hotline-check-contacts', '/hotline/checks/contacts'],
  ['hotline-statistics', '/hotline/statistics'],
];
const PUBLIC = [
  ['hotline-public-form', '/consultation'],
  ['hotline-public-ticket', '/consultation/ticket'],
];

async function check(page, name, url, lang) {
  const r = await page.goto(`${url}${url.includes('?') ? '&' : '?'}lang=${lang}`);
  assert.equal(r.status(), 200, `${url} in ${lang}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) await screenshot(page, `${name}-360-overflow`);
  const wide = overflow > 0 ? await page.evaluate(() => [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest('.table-wrap'))
    .slice(0, 5).map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${el.className}`)) : [];
  assert.ok(overflow <= 0, `${url} in ${lang} scrolls sideways by ${overflow}px at 360 px: ${wide.join(', ')}`);
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('main input:not([type=hidden]):not([tabindex="-1"]), main select, main textarea')]
      .filter((el) => !el.closest('[aria-hidden=true]') && el.offsetParent !== null)
      .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
      .map((el) => el.name || el.id));
  assert.deepEqual(unlabelled, [], `${url} in ${lang}: controls without a label`);
  if (lang === 'ru') await screenshot(page, `${name}-360`);
}

describe('hotline screens at 360 px', () => {
  const mayak = useMayak();

  it('the consultant\'s screens fit a phone in three languages', async () => {
    const page = await mayak.newPage({ locale: 'ru-RU', viewport: { width: 360, height: 740 } });
    const seen = watchPage(page);
    await enrolAndSignIn(page, 'hotline', { next: '/hotline' });
    for (const lang of ['ru', 'be', 'en']) {
      for (const [name, url] of STAFF) await check(page, name, url, lang);
    }
    // One request page too (the demo queue has waiting requests).
    await page.goto('/hotline/requests?lang=ru');
    const first = page.locator('tbody tr th a').first();
    await first.click();
    await page.waitForLoadState();
    const url = new URL(page.url()).pathname;
    assert.match(url, /^\/hotline\/requests\/\d+$/);
    for (const lang of ['ru', 'be', 'en']) await check(page, 'hotline-request', url, lang);
    assert.deepEqual(seen.pageErrors, []);
  });

  it('the public form and the ticket page fit a phone in three languages', async () => {
    const page = await mayak.newPage({ locale: 'be-BY', viewport: { width: 360, height: 740 } });
    const seen = watchPage(page);
    for (const lang of ['ru', 'be', 'en']) {
      for (const [name, url] of PUBLIC) await check(page, name, url, lang);
    }
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(seen.foreignRequests, []);
  });
});
