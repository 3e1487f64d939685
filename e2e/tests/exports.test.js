// The standard exports in a real browser against the real server with demo
// data: the analyst sees only the CTDC form, gets a period that ends before it
// starts explained beside the field, then downloads the CTDC submission as CSV
// (CTDC's columns, no case code); a case manager sees only the HTCDS form and
// downloads their cases as JSON under the standard's field names. The page
// works without scripts: the forms are plain GET forms.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clickAndWait, enrolAndSignIn, screenshot, signIn, useMayak, watchPage } from '../harness.js';

const cleanText = (s) => s.replace(/\s+/g, ' ').trim();
const T = { timeout: 240_000 };

describe('standard exports', () => {
  const mayak = useMayak();

  it('an analyst downloads the CTDC submission and a case manager the HTCDS case data', T, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mayak-exports-'));
    const page = await mayak.newPage({ locale: 'en-GB', acceptDownloads: true, javaScriptEnabled: false });
    const watch = watchPage(page);
    const res = await signIn(page, 'analyst', undefined, { next: '/statistics/exports?lang=en' });
    assert.equal(res.status(), 200);
    assert.equal(cleanText(await page.locator('h1').innerText()), 'Standard exports');
    assert.equal(await page.locator('#htcds-form').count(), 0, 'the analyst has no case scope');
    const form = page.locator('#ctdc-form');
    assert.equal(await form.count(), 1);
    assert.match(cleanText(await page.locator('#ctdc').innerText()), /k-anonymisation/);

    // A period that ends before it starts is explained beside the field.
    await form.locator('#f-ctdc-from').fill('2025-02-01');
    await form.locator('#f-ctdc-to').fill('2025-01-01');
    await clickAndWait(page, form.locator('button[type="submit"]'));
    assert.match(cleanText(await page.locator('#err-ctdc-to').innerText()), /before the start/);
    assert.equal(await page.locator('#f-ctdc-to').getAttribute('aria-invalid'), 'true');
    const url = new URL(page.url());
    assert.deepEqual([...url.searchParams.keys()].sort(), ['format', 'from', 'region', 'to']);

    await page.goto(mayak.url('/statistics/exports?lang=en'));
    await page.locator('#f-ctdc-format').selectOption('csv');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('#ctdc-form button[type="submit"]').click()]);
    assert.match(csv.suggestedFilename(), /^mayak-ctdc-\d{4}-\d{2}-\d{2}\.csv$/);
    const file = join(dir, 'ctdc.csv');
    await csv.saveAs(file);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    assert.equal(lines[0].split(',')[0], 'yearOfRegistration');
    assert.ok(lines[0].includes('majorityStatus') && lines[0].includes('meansDebtBondageEarnings'));
    assert.ok(lines.length > 11, `records: ${lines.length - 1}`);
    assert.ok(!/[A-Z]{2}-\d{4}-\d{5}/.test(lines.join('\n')), 'no case code in the submission');
    // Chromium logs the refused form (422) as "Failed to load resource"; nothing else may appear.
    const other = watch.consoleErrors.filter((e) => !/^Failed to load resource: the server responded with a status of 422 /.test(e));
    assert.deepEqual(other, []);
    await page.context().close();

    const cm = await mayak.newPage({ locale: 'en-GB', acceptDownloads: true });
    await enrolAndSignIn(cm, 'casemanager', { next: '/statistics/exports?lang=en' });
    assert.equal(await cm.locator('#ctdc-form').count(), 0);
    await cm.locator('#f-htcds-format').selectOption('json');
    await screenshot(cm, 'exports');
    const [json] = await Promise.all([cm.waitForEvent('download'), cm.locator('#htcds-form button[type="submit"]').click()]);
    assert.match(json.suggestedFilename(), /^mayak-htcds-\d{4}-\d{2}-\d{2}\.json$/);
    const jfile = join(dir, 'htcds.json');
    await json.saveAs(jfile);
    const records = JSON.parse(readFileSync(jfile, 'utf8'));
    assert.ok(records.length > 0);
    for (const key of ['mayak_CaseCode', 'cas_Status', 'prs_Gender', 'prs_Nationality', 'vic_MethodsOfControl']) {
      assert.ok(key in records[0], `${key} in ${Object.keys(records[0])}`);
    }
    assert.ok(!JSON.stringify(records).includes('(демо)'), 'no demo names');
  });
});
