// The partner directory in a real browser against the real server with demo
// data (in English): the demo case manager (NGO "Right to the Future", Minsk)
// filters the directory by service and region, opens the region's page (its
// organisations by type, its group, the services it lacks), opens NGO Open
// Doors' page of open referrals and finds the demo referral sent 40 days ago,
// still in progress, flagged "completion overdue" in words, not by colour
// alone. Every page holds at 360 px without sideways scrolling. A visitor who
// is not signed in reads the public list, which never shows a field an
// organisation did not publish (the demo's IOM publishes its city and
// services only; no organisation publishes its e-mail or address).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clickAndWait, enrolAndSignIn, screenshot, signIn, useMayak } from '../harness.js';

const cleanText = (s) => s.replace(/\s+/g, ' ').trim();
const pathOf = (page) => new URL(page.url()).pathname;
const OPEN_DOORS = 'NGO Open Doors';
const SERVICE = 'Psychological assistance';

async function noSidewaysScroll(page, what) {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(wide <= 1, `${what} scrolls sideways at 360 px (${wide}px)`);
}

describe('the partner directory in the browser', { concurrency: 1 }, () => {
  const mayak = useMayak();

  it('a case manager filters the directory, opens the region and a partner’s open referrals with an overdue one flagged', { timeout: 120_000 }, async () => {
    const page = await mayak.newPage({ locale: 'en-GB' });
    await enrolAndSignIn(page, 'casemanager');
    await page.goto('/partners');
    await page.getByLabel('Service offered', { exact: true }).selectOption({ label: SERVICE });
    await page.getByLabel('Region', { exact: true }).selectOption({ label: 'Gomel Region' });
    await clickAndWait(page, page.getByRole('button', { name: 'Apply' }));
    const rows = page.locator('table.data tbody tr');
    assert.ok((await rows.count()) > 0, 'nobody offers the service in Gomel region');
    for (const r of await rows.all()) {
      const t = cleanText(await r.innerText());
      assert.ok(t.includes('Gomel') && t.includes(SERVICE), `a row outside the filter: ${t}`);
    }
    assert.equal(await rows.filter({ hasText: OPEN_DOORS }).count(), 1);
    await screenshot(page, 'partners-filtered');

    // The region's page, from the filter's link.
    await clickAndWait(page, page.locator('#region-page-link'));
    assert.equal(pathOf(page), '/partners/regions/BY-HO');
    assert.equal(cleanText(await page.locator('main h1').innerText()), 'Gomel Region');
    const main = cleanText(await page.locator('main').innerText());
    assert.match(main, /Services the region lacks/);
    assert.ok(await page.locator('#region-group a[href^="/groups/"]').count() === 1, 'no link to the group');
    const card = page.locator('article.card', { has: page.getByRole('heading', { name: OPEN_DOORS, exact: true }) });
    assert.equal(await card.count(), 1);
    const cardText = cleanText(await card.innerText());
    for (const part of ['Services offered', SERVICE, 'Phone', 'Working hours', 'NGO network']) {
      assert.ok(cardText.includes(part), `the card lacks ${part}: ${cardText}`);
    }
    await screenshot(page, 'partners-region');

    // Open Doors' open referrals: the demo's referral in progress for 40 days is overdue.
    await clickAndWait(page, card.getByRole('link', { name: 'Open referrals', exact: true }));
    assert.match(pathOf(page), /^\/partners\/\d+\/referrals$/);
    assert.match(cleanText(await page.locator('#partner-reach').innerText()), /Only the referrals between this organisation and yours/);
    const flagged = page.locator('#partner-referrals tbody tr', { has: page.locator('[data-overdue]') });
    assert.ok((await flagged.count()) > 0, 'no overdue referral flagged');
    const row = cleanText(await flagged.first().innerText());
    assert.match(row, /completion overdue|acceptance overdue/, 'the flag is in words');
    assert.match(row, /[A-Z]{2}-\d{4}-\d{5}/, 'the case by its code');
    assert.match(cleanText(await page.locator('#partner-counts').innerText()), /\d+ overdue/);
    // Headers of the table name their scope.
    assert.equal(await page.locator('#partner-referrals thead th:not([scope="col"])').count(), 0);
    assert.equal(await page.locator('#partner-referrals tbody th:not([scope="row"])').count(), 0);
    await screenshot(page, 'partners-referrals');

    // At 360 px wide.
    await page.setViewportSize({ width: 360, height: 760 });
    const here = pathOf(page);
    for (const [path, name] of [[here, 'partners-referrals-phone'], ['/partners/regions/BY-HO', 'partners-region-phone']]) {
      await page.goto(path);
      await screenshot(page, name);
      await noSidewaysScroll(page, path);
    }
  });

  it('a visitor reads the public list without the fields organisations did not publish', { timeout: 60_000 }, async () => {
    // What staff see of IOM Belarus (as the analyst, who signs in without a second factor):
    // its phone, e-mail and address.
    const staff = await mayak.newPage({ locale: 'en-GB' });
    await signIn(staff, 'analyst');
    const api = await staff.request.get('/api/v1/organisations');
    assert.equal(api.status(), 200);
    const iom = (await api.json()).find((o) => o.slug === 'iom-belarus');
    assert.ok(iom && iom.phone && iom.email && iom.address, 'the demo IOM has contacts');
    assert.equal(iom.published, true);
    assert.ok(!iom.public_fields.includes('phone'));

    const visitor = await mayak.newPage({ locale: 'en-GB' });
    const res = await visitor.goto('/partners/public');
    assert.equal(res.status(), 200);
    const text = cleanText(await visitor.locator('main').innerText());
    assert.ok(text.includes(iom.name_en), 'IOM is listed');
    for (const secret of [iom.phone, iom.email, iom.address]) {
      assert.ok(!text.includes(secret), `the public list shows ${secret}`);
      assert.ok(!(await visitor.content()).includes(secret), `the page source holds ${secret}`);
    }
    assert.ok(!/@example\.org/.test(text), 'no organisation published an e-mail');
    await screenshot(visitor, 'partners-public');
    await visitor.setViewportSize({ width: 360, height: 760 });
    await visitor.reload();
    await screenshot(visitor, 'partners-public-phone');
    await noSidewaysScroll(visitor, '/partners/public');
  });
});
