// The statistics dashboards in a real browser against the real server with
// demo data: the analyst opens the overview, a section, filters it by year and
// by region with the GET form (the URL then carries only the year and the
// region code), sees the chart with its title and the table under it with no
// shown count under 11, gets a wrong year explained, and downloads the annual
// report as PDF (its Cyrillic text read back with pdftotext) and XLSX. Then
// the same section on a phone-sized screen.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clickAndWait, screenshot, signIn, useMayak, watchPage } from '../harness.js';

const cleanText = (s) => s.replace(/\s+/g, ' ').trim();
const T = { timeout: 240_000 };

async function shownCounts(page, table) {
  const cells = page.locator(`${table} tbody td:not([data-suppressed])`);
  const out = [];
  for (let i = 0; i < (await cells.count()); i += 1) {
    out.push(Number((await cells.nth(i).innerText()).replace(/\D/g, '')));
  }
  return out;
}

describe('statistics dashboards', () => {
  const mayak = useMayak();

  it('an analyst filters a dashboard by year and region and downloads the annual report', T, async () => {
    const page = await mayak.newPage({ locale: 'en-GB', acceptDownloads: true });
    const watch = watchPage(page);
    const res = await signIn(page, 'analyst', undefined, { next: '/statistics?lang=en' });
    assert.equal(res.status(), 200);
    assert.equal(cleanText(await page.locator('h1').innerText()), 'Statistics');
    assert.equal(await page.locator('#sections li').count(), 7);
    await screenshot(page, 'statistics-index');

    await clickAndWait(page, page.getByRole('link', { name: 'Identification' }));
    assert.equal(new URL(page.url()).pathname, '/statistics/identification');
    const chart = page.locator('#by-sex svg[role="img"]');
    assert.equal(await chart.count(), 1);
    assert.ok((await chart.locator('title').textContent()).length > 0, 'the chart has a title');
    assert.ok((await chart.locator('desc').textContent()).length > 0, 'and a description');
    const total = Number((await page.locator('#total').innerText()).replace(/\D/g, ''));
    assert.ok(total >= 11, `the total is shown: ${total}`);
    for (const n of await shownCounts(page, '#table-by-age-band')) assert.ok(n === 0 || n >= 11, `a shown count under 11: ${n}`);
    assert.ok(await page.locator('#table-by-age-band td[data-suppressed]').count() > 0, 'the demo has small age bands, hidden');
    await screenshot(page, 'statistics-identification');

    // Filter by year with the form: only the year travels in the URL.
    const years = await page.locator('#f-year option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    const year = years[1] || years[0];
    await page.locator('#f-year').selectOption(year);
    await clickAndWait(page, page.locator('#filters button[type="submit"]'));
    const url = new URL(page.url());
    assert.deepEqual([...url.searchParams.keys()].sort(), ['region', 'year']);
    assert.equal(url.searchParams.get('year'), year);
    assert.equal(await page.locator('#table-by-year').count(), 0, 'no by-year table within one year');
    const yearTotal = Number((await page.locator('#total').innerText()).replace(/\D/g, '')) || 0;
    assert.ok(yearTotal < total, `the year ${year} counts fewer (${yearTotal}) than all years (${total})`);

    // And by region: the region's own figures, the by-region table gone.
    await page.locator('#f-year').selectOption('');
    await page.locator('#f-region').selectOption('BY-HO');
    await clickAndWait(page, page.locator('#filters button[type="submit"]'));
    assert.equal(new URL(page.url()).searchParams.get('region'), 'BY-HO');
    assert.equal(await page.locator('#table-by-region').count(), 0);
    assert.match(cleanText(await page.locator('#key-figures dt').first().innerText()), /Gomel/);
    for (const n of await shownCounts(page, '#table-by-sex')) assert.ok(n === 0 || n >= 11, `a shown count under 11: ${n}`);

    // A year that cannot be is explained beside the field.
    await page.goto(mayak.url('/statistics/identification?lang=en&year=1800'));
    assert.match(cleanText(await page.locator('#err-year').innerText()), /Choose a year between 1991 and/);
    assert.equal(await page.locator('#f-year').getAttribute('aria-invalid'), 'true');

    // The annual report from the overview: PDF in Belarusian, then XLSX.
    const dir = mkdtempSync(join(tmpdir(), 'mayak-stats-'));
    await page.goto(mayak.url('/statistics?lang=en'));
    const form = page.locator('#report-form');
    await form.locator('#f-report-year').selectOption(year);
    await form.locator('#f-report-lang').selectOption('be');
    await form.locator('#f-report-format').selectOption('pdf');
    const [pdfDownload] = await Promise.all([page.waitForEvent('download'), form.locator('button[type="submit"]').click()]);
    assert.equal(pdfDownload.suggestedFilename(), `mayak-report-${year}-be.pdf`);
    const pdf = join(dir, 'report.pdf');
    await pdfDownload.saveAs(pdf);
    assert.equal(readFileSync(pdf).subarray(0, 5).toString(), '%PDF-');
    const text = cleanText(execFileSync('pdftotext', [pdf, '-']).toString());
    for (const needle of [`штогадовая справаздача за ${year} год`, 'Ідэнтыфікацыя', 'Гарачая лінія', 'Па ўзроставых групах']) {
      assert.ok(text.includes(needle), `${needle} not in the report: ${text.slice(0, 400)}`);
    }
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdf, join(dir, 'report')]);
    await form.locator('#f-report-format').selectOption('xlsx');
    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), form.locator('button[type="submit"]').click()]);
    assert.equal(xlsxDownload.suggestedFilename(), `mayak-report-${year}-be.xlsx`);
    const xlsx = join(dir, 'report.xlsx');
    await xlsxDownload.saveAs(xlsx);
    assert.equal(readFileSync(xlsx).subarray(0, 2).toString(), 'PK');
    console.log(`report: ${readFileSync(pdf).length} bytes of PDF rendered to ${dir}/report-*.png, ${readFileSync(xlsx).length} bytes of XLSX`);

    // On a phone.
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto(mayak.url('/statistics/hotline?lang=ru'));
    assert.equal(cleanText(await page.locator('h1').innerText()), 'Горячая линия');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the page is ${overflow}px wider than the phone`);
    await screenshot(page, 'statistics-hotline-phone');
    assert.deepEqual(watch.consoleErrors, []);
    assert.deepEqual(watch.pageErrors, []);
  });
});
