// The checks a hotline consultant runs during a call, in a real browser: from the
// consultation form, with the keyboard only, the consultant opens the job-offer
// checklist, ticks what the caller describes, sees the advisory assessment, hands the
// ticked signs back to the consultation, checks an agency's licence and the embassy
// contacts of the destination country, and comes back to the form with nothing lost.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { enrolAndSignIn, screenshot, useMayak, watchPage } from '../harness.js';

const clean = (s) => s.replace(/\s+/g, ' ').trim();

async function keyAndWait(page, key) {
  await Promise.all([page.waitForNavigation(), page.keyboard.press(key)]);
}

describe('hotline checks', () => {
  const mayak = useMayak();

  it('a consultant runs the checks from the form without losing the draft', async () => {
    const page = await mayak.newPage({ locale: 'en-GB' });
    watchPage(page);
    await enrolAndSignIn(page, 'hotline', { next: '/hotline/new?lang=en' });
    await page.keyboard.press('Alt+Shift+D');
    await page.keyboard.type('Pola');
    await page.keyboard.press('Alt+Shift+Q');
    await page.keyboard.type('Warehouse job in Poland, the recruiter wants my passport (e2e checks)');

    // The job-offer checklist opens from the form; the form is kept as the draft.
    await keyAndWait(page, 'Alt+Shift+J');
    assert.equal(new URL(page.url()).pathname, '/hotline/checks/offer');
    await page.locator('input[value="JO-CR-M1"]').focus();
    await page.keyboard.press('Space');
    await page.locator('input[value="JO-DR-M2"]').focus();
    await page.keyboard.press('Space');
    await page.locator('button[value=assess]').focus();
    await keyAndWait(page, 'Enter');
    const verdict = clean(await page.locator('#assessment').innerText());
    assert.match(verdict, /High risk/);
    assert.match(verdict, /never show that an offer is safe/);
    assert.match(clean(await page.locator('main').innerText()), /Never hand over your passport/);
    await screenshot(page, 'hotline-check-offer');
    await page.locator('button[value=keep]').focus();
    await keyAndWait(page, 'Enter');

    // Back on the form: what was typed is there, with the two signs.
    assert.equal(new URL(page.url()).pathname, '/hotline/new');
    assert.match(await page.locator('#f-question').inputValue(), /wants my passport/);
    assert.equal(await page.locator('#f-indicators input:checked').count(), 2);

    // The licence check.
    await keyAndWait(page, 'Alt+Shift+L');
    assert.equal(new URL(page.url()).pathname, '/hotline/checks/agencies');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'f-q');
    await page.keyboard.type('DEMO-0003');
    await keyAndWait(page, 'Enter');
    assert.match(clean(await page.locator('#verdict').innerText()), /Licence revoked.*last updated on/);
    await screenshot(page, 'hotline-check-agency');

    // Back to the form by the keyboard (the first link of the page), then the contacts.
    await page.locator('a[accesskey=b]').focus();
    await keyAndWait(page, 'Enter');
    assert.match(await page.locator('#f-question').inputValue(), /wants my passport/);
    await keyAndWait(page, 'Alt+Shift+E');
    assert.equal(new URL(page.url()).search, '?country=PL');
    const contacts = clean(await page.locator('main').innerText());
    assert.match(contacts, /Embassy of Belarus/);
    assert.match(contacts, /embassy-pl@example\.org/);
    await screenshot(page, 'hotline-check-contacts');

    // On a phone the checks read in one column.
    await page.setViewportSize({ width: 360, height: 760 });
    await page.goto('/hotline/checks/offer?lang=en');
    await screenshot(page, 'hotline-check-offer-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    assert.equal(overflow, false, 'no horizontal scrolling at 360 px');

    // Saving the consultation keeps the sign codes.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/hotline/new?lang=en');
    await page.locator('input[name=topics]').first().check();
    await Promise.all([page.waitForNavigation(), page.locator('#f-question').press('Control+Enter')]);
    assert.match(clean(await page.locator('.notice').first().innerText()), /The consultation was saved/);
    await Promise.all([page.waitForNavigation(), page.locator('.notice a').click()]);
    assert.match(clean(await page.locator('dl.facts').innerText()), /The recruiter asks for the passport/);
  });
});
