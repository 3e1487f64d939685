// The case list as a supervisor reads it: choose an order with the keyboard,
// page on with "Next cases" (the order and filters are kept and no case repeats),
// narrow to a registration period (the list then reads in registration order),
// and a mistyped period is explained at its field. Russian and English labels.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clickAndWait, enrolAndSignIn, screenshot, useMayak, watchPage } from '../harness.js';

const codesOn = async (page) =>
  (await page.locator('table.data tbody th code').allInnerTexts()).map((s) => s.trim());

describe('case list orders and pages', () => {
  const mayak = useMayak();

  it('a supervisor sorts by case code and pages on without losing a case', async () => {
    const page = await mayak.newPage({ locale: 'en-GB' });
    const watch = watchPage(page);
    await enrolAndSignIn(page, 'supervisor', { next: '/cases?lang=en' });
    await page.goto(mayak.url('/cases?lang=en'));
    // Keyboard only: choose "Case code" in the order field, Tab to "Apply", Enter.
    await page.locator('#f-sort').focus();
    await page.locator('#f-sort').selectOption({ label: 'Case code' });
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Apply');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.equal(new URL(page.url()).searchParams.get('sort'), 'code');
    const first = await codesOn(page);
    assert.ok(first.length > 10, `codes on the first page: ${first.length}`);
    assert.deepEqual(first, [...first].sort(), 'the first page is in code order');
    await screenshot(page, 'case-list-sorted-en');
    const next = page.getByRole('link', { name: 'Next cases' });
    if (first.length === 50) {
      await clickAndWait(page, next);
      const second = await codesOn(page);
      assert.ok(second.length > 0);
      assert.ok(second[0] > first[first.length - 1], 'the second page continues after the first');
      assert.deepEqual(second, [...second].sort());
      assert.equal(new URL(page.url()).searchParams.get('sort'), 'code', 'the order is kept');
    } else {
      assert.equal(await next.count(), 0, 'no next page when all cases fit on one');
    }
    assert.deepEqual([...watch.consoleErrors, ...watch.pageErrors, ...watch.foreignRequests], []);
  });

  it('a registration period reads in registration order; a reversed one is explained (ru)', async () => {
    const page = await mayak.newPage();
    await enrolAndSignIn(page, 'casemanager', { next: '/cases' });
    await page.goto(mayak.url('/cases'));
    await page.locator('#f-from').fill('2023-01-01');
    await page.locator('#f-until').fill('2025-12-31');
    await clickAndWait(page, page.getByRole('button', { name: 'Применить' }));
    const dates = (await page.locator('table.data tbody tr td:nth-child(7)').allInnerTexts()).map((s) => s.trim());
    assert.ok(dates.length > 0, 'cases registered in the period');
    assert.ok(dates.every((d) => d >= '2023-01-01' && d <= '2025-12-31'), dates.join(' '));
    assert.deepEqual(dates, [...dates].sort().reverse(), 'latest registration first');
    assert.equal(
      await page.locator('#f-sort option:checked').innerText(),
      'Автоматически',
    );
    await page.locator('#f-from').fill('2025-01-01');
    await page.locator('#f-until').fill('2024-01-01');
    await clickAndWait(page, page.getByRole('button', { name: 'Применить' }));
    assert.equal(await page.locator('#f-until').getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#err-until').innerText(), /раньше|начала/i);
    await screenshot(page, 'case-list-period-ru');
  });
});
