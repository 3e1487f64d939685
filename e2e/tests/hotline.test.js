// The safe-travel hotline in a real browser against the real server with demo
// data: a consultant logs a phone consultation with the keyboard only (access
// keys, typing, Ctrl+Enter), escalates another consultation to a case with the
// caller's consent, and answers an online request that a second browser
// context (a person without an account) sent through the public form and then
// reads with its ticket code. The public form refuses its honeypot and floods,
// and a ticket shows only its own request.
//
// The demo `hotline` consultant enrols a TOTP key at the first sign-in; the
// public visitor is a separate context with no cookies.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clickAndWait, enrolAndSignIn, screenshot, useMayak, watchPage } from '../harness.js';

const clean = (s) => s.replace(/\s+/g, ' ').trim();

describe('hotline', () => {
  const mayak = useMayak();
  let consultant = null;
  let seen = null;

  it('a consultant logs a phone consultation with the keyboard only', async () => {
    consultant = await mayak.newPage({ locale: 'en-GB' });
    seen = watchPage(consultant);
    await enrolAndSignIn(consultant, 'hotline', { next: '/hotline/new?lang=en' });
    assert.equal(new URL(consultant.url()).pathname, '/hotline/new');
    // The channel has the focus when the form opens.
    assert.equal(await consultant.evaluate(() => document.activeElement.name), 'channel');
    await consultant.keyboard.press('ArrowDown'); // the line for calls from abroad
    await consultant.keyboard.press('Alt+Shift+D');
    await consultant.keyboard.type('Lith');
    await consultant.keyboard.press('Alt+Shift+T'); // the first topic
    await consultant.keyboard.press('Space');
    await consultant.keyboard.press('Tab');
    await consultant.keyboard.press('Space'); // the second topic too
    await consultant.keyboard.press('Alt+Shift+Q');
    await consultant.keyboard.type('Bus driver job in Vilnius, the agency wants 300 euros up front (e2e)');
    await consultant.keyboard.press('Alt+Shift+A');
    await consultant.keyboard.type('Licensed agencies never charge jobseekers; gave the embassy contacts');
    // The draft is saved while typing.
    await consultant.locator('#autosave-status').filter({ hasText: 'Draft saved' }).waitFor();
    await Promise.all([consultant.waitForNavigation(), consultant.keyboard.press('Control+Enter')]);
    const notice = clean(await consultant.locator('.notice').first().innerText());
    assert.match(notice, /The consultation was saved/);
    await screenshot(consultant, 'hotline-saved');
    await clickAndWait(consultant, consultant.locator('.notice a'));
    const facts = clean(await consultant.locator('dl.facts').innerText());
    assert.match(facts, /Line for calls from abroad and mobiles/);
    assert.match(facts, /Lithuania/);
    assert.match(facts, /Employment abroad, Study abroad/);
    assert.match(clean(await consultant.locator('main').innerText()), /300 euros up front/);
    // The statistics draw the yearly topic chart on the server, with the numbers as tables.
    await consultant.goto('/hotline/statistics?year=2020&lang=en');
    assert.equal(await consultant.locator('svg.chart[role=img]').count(), 1);
    assert.match(clean(await consultant.locator('main').innerText()), /Passports and visas/);
    await screenshot(consultant, 'hotline-statistics');
    // The next form is empty: the draft went with the save.
    await consultant.goto('/hotline/new?lang=en');
    assert.equal(await consultant.locator('#f-question').inputValue(), '');
  });

  it('a consultation is escalated to a case with the caller\'s consent', async () => {
    assert.ok(consultant, 'signed in by the previous test');
    await consultant.goto('/hotline/new?lang=en');
    await consultant.locator('input[name=topics][value=Crisis]').check();
    await consultant.locator('#f-destination').selectOption('RU');
    await consultant.locator('#f-sex').selectOption('Female');
    await consultant.locator('#f-question').fill('My sister works in Russia; the employer took her passport (e2e)');
    await consultant.locator('#f-answer').fill('Gave the embassy and NGO contacts; offered to open a case');
    await clickAndWait(consultant, consultant.locator('button[value=save]'));
    await clickAndWait(consultant, consultant.locator('.notice a'));
    const form = consultant.locator('#escalate form');
    await form.locator('#f-family_name').fill('Сидорова');
    await form.locator('#f-given_names').fill('Мария');
    await form.locator('#f-region').selectOption('BY-BR');
    // Without the consent nothing happens.
    await clickAndWait(consultant, form.locator('button[type=submit]'));
    assert.match(clean(await consultant.locator('[role=alert]').innerText()), /only with the person's consent/);
    await consultant.locator('#escalate input[name=consent]').check();
    await consultant.locator('#escalate #f-family_name').fill('Сидорова');
    await consultant.locator('#escalate #f-given_names').fill('Мария');
    await clickAndWait(consultant, consultant.locator('#escalate button[type=submit]'));
    assert.match(new URL(consultant.url()).pathname, /^\/cases\/\d+$/);
    const casePage = clean(await consultant.locator('main').innerText());
    assert.match(casePage, /employer took her passport/, 'what was said came along');
    const caseUrl = new URL(consultant.url()).pathname;
    // The case links back to the consultation, and the consultation to the case.
    await clickAndWait(consultant, consultant.locator('#from-hotline'));
    assert.match(new URL(consultant.url()).pathname, /^\/hotline\/consultations\/\d+$/);
    assert.equal(await consultant.locator(`dl.facts a[href="${caseUrl}"]`).count(), 1, 'the consultation links to its case');
    assert.match(clean(await consultant.locator('dl.facts').innerText()), /Escalated to a case/);
  });

  it('a person asks online, a consultant answers, the person reads it by ticket', async () => {
    assert.ok(consultant, 'signed in by the previous test');
    const visitorContext = await mayak.newContext({ locale: 'en-GB' });
    const visitor = await visitorContext.newPage();
    const visitorSeen = watchPage(visitor);
    await visitor.goto('/consultation?lang=en');
    assert.equal(await visitor.locator('#quick-exit').count(), 1);
    const question = 'They offer me a cleaning job in Warsaw and keep my passport "for safety". OK? (e2e)';
    await visitor.locator('#f-question').fill(question);
    await visitor.locator('#f-topic').selectOption('EmploymentAbroad');
    // The script solves the proof-of-work before the form goes.
    await clickAndWait(visitor, visitor.locator('#consultation-request button[type=submit]'));
    const ticket = (await visitor.locator('#ticket').innerText()).trim();
    assert.match(ticket, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await screenshot(visitor, 'hotline-ticket');

    await consultant.goto('/hotline/requests?lang=en');
    const row = consultant.locator('tbody tr').filter({ hasText: 'Employment abroad' }).filter({ hasText: 'en' }).last();
    await clickAndWait(consultant, row.locator('th a'));
    assert.match(clean(await consultant.locator('#request-question').innerText()), /cleaning job in Warsaw/);
    await consultant.locator('#f-answer').fill('Never hand over your passport: that is a sign of trafficking. Call us on 113.');
    await consultant.locator('#f-destination').selectOption('PL');
    await clickAndWait(consultant, consultant.locator('main form button[type=submit]'));
    assert.equal(new URL(consultant.url()).pathname, '/hotline/requests');

    await visitor.goto('/consultation/ticket?lang=en');
    await visitor.locator('#f-ticket').fill(ticket.toLowerCase());
    await clickAndWait(visitor, visitor.locator('main form button[type=submit]'));
    assert.match(clean(await visitor.locator('#answer').innerText()), /Never hand over your passport/);
    assert.deepEqual(visitorSeen.pageErrors, []);
    assert.deepEqual(visitorSeen.foreignRequests, [], 'the public pages load nothing from elsewhere');
    assert.deepEqual(seen.pageErrors, []);
  });

  it('the public form refuses the honeypot and floods and never shows another person\'s answer', async () => {
    const ctx = await mayak.newContext({ locale: 'en-GB' });
    const page = await ctx.newPage();
    await page.goto('/consultation?lang=en');
    // A robot fills every field, the hidden one too.
    await page.locator('#f-question').fill('Cheap visas here (bot)');
    await page.locator('#f-website').fill('http://spam.example', { force: true });
    await clickAndWait(page, page.locator('#consultation-request button[type=submit]'));
    assert.match(clean(await page.locator('[role=alert]').innerText()), /could not be sent/);
    // A guessed ticket shows nothing.
    await page.goto('/consultation/ticket?lang=en');
    await page.locator('#f-ticket').fill('ABCD-EFGH-JKMN-PQRS');
    const guess = await clickAndWait(page, page.locator('main form button[type=submit]'));
    assert.equal(guess.status(), 422);
    assert.equal(await page.locator('#answer').count(), 0);
    assert.doesNotMatch(await page.content(), /Never hand over your passport/);
    // A flood from one address: the limit (5 per 10 minutes, refused ones counted)
    // answers 429 before anything is stored.
    let last = null;
    for (let i = 0; i < 6; i++) {
      await page.goto('/consultation?lang=en');
      await page.locator('#f-question').fill(`Flood ${i}`);
      last = await clickAndWait(page, page.locator('#consultation-request button[type=submit]'));
      if (last.status() === 429) break;
    }
    assert.equal(last.status(), 429);
  });
});
