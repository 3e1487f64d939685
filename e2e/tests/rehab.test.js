// The rehabilitation centre in a real browser against the real server with
// demo data: the centre's staff member (`rehab`) plans a women's shift,
// admits a woman referred for a stay and a mother with her child, is refused
// when admitting a man to the shift and when admitting the child alone (the
// reason is shown beside the person), and discharges them (the child leaves
// with her mother). Then the day view on a phone-sized screen and the
// statistics with their chart.
//
// The demo holds cases referred to the centre and not yet admitted (women
// alone, women with an accompanying child, men); the test reads them from the
// "Referred for a stay" table, where each row carries the case's sex and the
// number of accompanying relatives.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clickAndWait, enrolAndSignIn, screenshot, useMayak, watchPage } from '../harness.js';

const cleanText = (s) => s.replace(/\s+/g, ' ').trim();
const day = (offset = 0) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('rehabilitation centre', () => {
  const mayak = useMayak();

  it('plans a women\'s shift, admits a woman and a mother with her child, refuses a man and a child alone, discharges them', async () => {
    const page = await mayak.newPage({ locale: 'en-GB' });
    const watch = watchPage(page);
    await enrolAndSignIn(page, 'rehab');

    await page.goto(mayak.url('/rehab?lang=en'));
    await screenshot(page, 'rehab-index');
    const rows = page.locator('#referred tbody tr');
    const referred = [];
    for (let i = 0; i < (await rows.count()); i += 1) {
      const r = rows.nth(i);
      referred.push({
        code: cleanText(await r.locator('code').innerText()),
        sex: await r.getAttribute('data-sex'),
        accompanying: Number(await r.getAttribute('data-accompanying')),
      });
    }
    const woman = referred.find((r) => r.sex === 'Female' && r.accompanying === 0);
    const mother = referred.find((r) => r.sex === 'Female' && r.accompanying > 0);
    const man = referred.find((r) => r.sex === 'Male');
    assert.ok(woman && mother && man, `the demo refers a woman, a mother and a man: ${JSON.stringify(referred)}`);

    // Plan the shift.
    const plan = page.locator('form[action="/rehab/shifts"]');
    await plan.locator('#f-kind').selectOption('Women');
    await plan.locator('#f-starts_on').fill(day());
    await plan.locator('#f-ends_on').fill(day(21));
    await plan.locator('#f-capacity').fill('4');
    await clickAndWait(page, plan.locator('button[type="submit"]'));
    assert.match(new URL(page.url()).pathname, /^\/rehab\/shifts\/\d+$/);
    assert.match(cleanText(await page.locator('h1').innerText()), /^Women's shift: /);
    assert.match(cleanText(await page.locator('.notice').innerText()), /The shift was planned/);
    const shiftPath = new URL(page.url()).pathname;

    const openAdmission = async (code) => {
      await page.goto(mayak.url(`${shiftPath}?lang=en`));
      await page.locator('#f-case').fill(code);
      await clickAndWait(page, page.locator('form[action$="/admit"] button[type="submit"]'));
      assert.match(cleanText(await page.locator('h1').innerText()), new RegExp(`Admit from a case: ${code}`));
    };
    const submitAdmission = async () => {
      await page.locator('input[name="arrived"]').check();
      return clickAndWait(page, page.locator('form[action$="/admissions"] button[type="submit"]').first());
    };

    // A woman: admitted.
    await openAdmission(woman.code);
    await submitAdmission();
    assert.equal(new URL(page.url()).pathname, shiftPath);
    assert.match(cleanText(await page.locator('.notice').innerText()), /Admitted: the stay has started/);

    // A man: refused, and told why beside him.
    await openAdmission(man.code);
    await submitAdmission();
    assert.match(new URL(page.url()).pathname, /\/admissions$/);
    assert.match(
      cleanText(await page.locator('#f-occ-self .field-error').innerText()),
      /This is a women's shift: a man cannot be admitted to it/,
    );
    assert.match(cleanText(await page.locator('.alert').innerText()), /a man cannot be admitted/);
    await screenshot(page, 'rehab-refused-man');

    // The mother's child alone: refused.
    await openAdmission(mother.code);
    const child = page.locator('.occupant input[name="occupant"]:not([value="self"])').first();
    await child.check();
    await page.locator('input[name="occupant"][value="self"]').uncheck();
    await submitAdmission();
    const childError = page.locator('.occupant .field-error');
    assert.match(
      cleanText(await childError.first().innerText()),
      /A child is admitted only with an accompanying parent or legal representative in the same shift/,
    );
    await screenshot(page, 'rehab-refused-child-alone');

    // Mother and child together: admitted.
    await page.locator('input[name="occupant"][value="self"]').check();
    await page.locator('.occupant input[name="occupant"]:not([value="self"])').first().check();
    await submitAdmission();
    assert.match(cleanText(await page.locator('.notice').innerText()), /Admitted/);
    const stays = page.locator('#stays tbody tr');
    assert.equal(await stays.count(), 3, 'the woman, the mother and her child');
    assert.equal(await page.locator('#tonight').innerText(), '3');
    assert.match(cleanText(await page.locator('#stays').innerText()), /child/);
    await screenshot(page, 'rehab-shift');

    // Discharge both; the child leaves with her mother.
    for (const code of [woman.code, mother.code]) {
      const row = page.locator('#stays tbody tr.group-start', { hasText: code });
      await clickAndWait(page, row.locator('a', { hasText: 'Discharge' }));
      await screenshot(page, `rehab-stay-${code}`);
      const form = page.locator('form[action$="/discharge"]');
      await form.locator('#f-reason').selectOption('ProgrammeCompleted');
      await form.locator('#f-destination').selectOption('Relatives');
      await form.locator('#f-summary').fill('Documents restored; will live with her sister and keep seeing the psychologist.');
      await clickAndWait(page, form.locator('button[type="submit"]'));
      assert.equal(new URL(page.url()).pathname, shiftPath);
      assert.match(cleanText(await page.locator('.notice').innerText()), /Discharged/);
    }
    const statuses = await page.locator('#stays tbody tr').evaluateAll((trs) => trs.map((t) => t.dataset.status));
    assert.deepEqual(statuses, ['Discharged', 'Discharged', 'Discharged']);
    assert.equal(await page.locator('#tonight').innerText(), '0');

    // The day view reads on a phone; the statistics show a chart and the numbers.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(mayak.url('/rehab/day?lang=en'));
    assert.ok((await page.locator('#beds li').count()) > 5);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the day view fits a phone screen (overflow ${overflow}px)`);
    await screenshot(page, 'rehab-day-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(mayak.url('/rehab/stats?lang=en'));
    assert.equal(await page.locator('svg.chart rect').count() > 6, true);
    assert.match(cleanText(await page.locator('#by-kind').innerText()), /Women's shift/);
    await screenshot(page, 'rehab-stats');
    await page.goto(mayak.url('/rehab/calendar?lang=en'));
    assert.ok((await page.locator('#calendar td.stay').count()) > 0);
    await screenshot(page, 'rehab-calendar');

    assert.deepEqual(watch.consoleErrors, []);
    assert.deepEqual(watch.pageErrors, []);
  });
});
