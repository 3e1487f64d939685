// Statistics releases in a real browser against the real server with demo data:
// the demo analyst prepares a release (tables with suppression and DP synthetic
// data) and waits for it without scripts (the page refreshes itself), cannot
// approve it, and is refused a release that would overspend the privacy budget
// with what is left; a second analyst approves it with a reason; the public
// statistics page then shows it, without signing in, in Russian, Belarusian
// and English, with charts, their numbers as tables and the CSV downloads.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clickAndWait, screenshot, signIn, useMayak, watchPage } from '../harness.js';

const clean = (s) => s.replace(/\s+/g, ' ').trim();
const SERIES = 'Identified victims by sex and age (e2e)';

describe('publication', () => {
  const mayak = useMayak();
  let releaseUrl = null;

  it('an analyst prepares a release and cannot approve it', { timeout: 120_000 }, async () => {
    const page = await mayak.newPage({ locale: 'en-GB' });
    const seen = watchPage(page);
    const res = await signIn(page, 'analyst', undefined, { next: '/statistics/releases?lang=en' });
    assert.equal(res.status(), 200);
    assert.match(clean(await page.locator('#budgets').innerText()), /Cases \(CTDC shape\).*ε = 10/);
    await screenshot(page, 'publication-releases-empty');
    await clickAndWait(page, page.getByRole('link', { name: 'Prepare a release' }));
    await page.getByLabel('Series').fill(SERIES);
    // The default columns (year, sex, age) and tables with suppression are chosen; add synthetic data.
    await page.getByLabel('Synthetic records (differential privacy)').check();
    await screenshot(page, 'publication-new');
    await clickAndWait(page, page.getByRole('button', { name: 'Compute the release' }));
    releaseUrl = new URL(page.url()).pathname;
    assert.match(releaseUrl, /^\/statistics\/releases\/\d+$/);
    // The page reloads itself (meta refresh) until the files are computed.
    await page.locator('#state[data-state="prepared"]').waitFor({ timeout: 90_000 });
    const main = clean(await page.locator('main').innerText());
    assert.match(main, /Waiting for approval/);
    assert.match(main, /cells suppressed as too small/);
    assert.match(main, /ε = 2/);
    assert.ok(await page.locator('svg.chart[role=img]').count() >= 3, 'a chart per column');
    assert.ok(await page.locator('table.data').count() >= 3, 'the numbers as tables');
    // Four eyes: the preparer is told, and has no approve button.
    assert.match(clean(await page.locator('#own-note').innerText()), /another person/);
    assert.equal(await page.getByRole('button', { name: 'Approve and publish' }).count(), 0);
    await screenshot(page, 'publication-prepared');
    assert.deepEqual([...seen.consoleErrors, ...seen.pageErrors, ...seen.foreignRequests], []);
  });

  it('a release that would overspend the budget is refused with what is left', async () => {
    const page = await mayak.newPage({ locale: 'en-GB' });
    await signIn(page, 'analyst', undefined, { next: '/statistics/releases/new?lang=en' });
    await page.getByLabel('Series').fill('Too much noise budget (e2e)');
    await page.getByLabel('Noisy counts (differential privacy)').check();
    await page.locator('#f-noisy_epsilon').fill('12');
    await clickAndWait(page, page.getByRole('button', { name: 'Compute the release' }));
    const refusal = clean(await page.locator('#refusal').innerText());
    assert.match(refusal, /needs ε = 12/);
    assert.match(refusal, /only ε = 8, δ = .* are left/);
    // What was typed is kept.
    assert.equal(await page.getByLabel('Series').inputValue(), 'Too much noise budget (e2e)');
    await screenshot(page, 'publication-overspend');
    await page.goto('/statistics/releases?lang=en');
    assert.doesNotMatch(clean(await page.locator('main').innerText()), /Too much noise budget/);
  });

  it('a second analyst approves it with a reason', async () => {
    assert.ok(releaseUrl, 'the release was prepared');
    await mayak.createUser({
      login: 'analyst2', name: 'Second Analyst', org: 'iom-belarus', roles: 'analyst', password: 'e2e-second-analyst-Pass1',
    });
    const page = await mayak.newPage({ locale: 'en-GB' });
    const res = await signIn(page, 'analyst2', 'e2e-second-analyst-Pass1', { next: `${releaseUrl}?lang=en` });
    assert.equal(res.status(), 200);
    // Without a reason the decision is refused, and says why.
    await clickAndWait(page, page.getByRole('button', { name: 'Approve and publish' }));
    assert.match(clean(await page.locator('.field-error').innerText()), /Give a reason/);
    await page.getByLabel('Reason (kept in the audit trail)').fill('Suppression and synthetic data checked');
    await clickAndWait(page, page.getByRole('button', { name: 'Approve and publish' }));
    assert.equal(await page.locator('#state').getAttribute('data-state'), 'approved');
    assert.match(clean(await page.locator('main').innerText()), /Second Analyst.*Suppression and synthetic data checked/);
  });

  it('the public page shows it in three languages, with charts, tables and downloads', async () => {
    const id = releaseUrl.split('/').pop();
    const expected = {
      ru: 'Статистика торговли людьми',
      be: 'Статыстыка гандлю людзьмі',
      en: 'Statistics on trafficking in human beings',
    };
    const page = await mayak.newPage();
    const seen = watchPage(page);
    for (const [lang, title] of Object.entries(expected)) {
      await page.goto(`/public/statistics?lang=${lang}`);
      assert.equal(await page.locator('html').getAttribute('lang'), lang);
      assert.equal(clean(await page.locator('h1').innerText()), title);
      const release = page.locator(`article[data-release="${id}"]`);
      assert.match(clean(await release.innerText()), new RegExp(SERIES.replace(/[()]/g, '\\$&')));
      assert.ok(await release.locator('svg.chart[role=img]').count() >= 3);
      assert.ok(await release.locator('table.data').count() >= 3);
      await screenshot(page, `publication-public-${lang}`);
    }
    // The downloads are the approved files; the internal utility report is not among them.
    const links = await page.locator(`article[data-release="${id}"] a[download]`).evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(links.map((h) => h.split('/').pop()).sort(), ['synthetic.csv', 'tables.csv']);
    for (const href of links) {
      const r = await page.request.get(href);
      assert.equal(r.status(), 200);
      assert.match(r.headers()['content-type'], /text\/csv/);
    }
    const tables = await (await page.request.get(links.find((h) => h.endsWith('tables.csv')))).text();
    for (const line of tables.trim().split('\n').slice(1)) {
      const [status, count] = line.split(',').reverse();
      if (status === 'published') assert.ok(Number(count) >= 11, line);
    }
    assert.equal((await page.request.get(`/public/statistics/releases/${id}/files/utility.json`)).status(), 404);
    // On a phone.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/public/statistics?lang=en');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
    await screenshot(page, 'publication-public-phone');
    // Linked from the public home page.
    await page.goto('/?lang=en');
    await clickAndWait(page, page.getByRole('link', { name: 'Public statistics' }));
    assert.equal(new URL(page.url()).pathname, '/public/statistics');
    assert.deepEqual([...seen.consoleErrors, ...seen.pageErrors, ...seen.foreignRequests], []);
  });
});
