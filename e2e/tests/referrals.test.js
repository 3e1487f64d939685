// A referral of the National Referral Mechanism, walked in a real browser
// against the real server with demo data (in English): the demo case manager
// (NGO "Right to the Future", Minsk) registers a person in Gomel region, asks
// Mayak for partners offering psychological assistance there, and is refused
// for the missing consent (the message names it and the organisation); after
// recording the consent the referral goes to NGO Open Doors (Gomel) with
// "needs and contacts". The demo partner caseworker (NGO Open Doors) finds it
// in the inbox, accepts it, sees the person's name and phone but neither the
// document nor the birth date — on the page and through the API — and
// completes it with an outcome; the case manager then sees the service
// completed on the case with that outcome.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clickAndWait, enrolAndSignIn, screenshot, useMayak } from '../harness.js';

const today = () => new Date().toISOString().slice(0, 10);
const cleanText = (s) => s.replace(/\s+/g, ' ').trim();
const pathOf = (page) => new URL(page.url()).pathname;
const field = (scope, label) => scope.getByLabel(label, { exact: true });
const section = (page, heading) => page.getByRole('region', { name: heading, exact: true });

const PERSON = {
  familyName: 'Marchenko', givenNames: 'Daria', birthDate: '1997-05-14', sex: 'Female',
  citizenship: 'Belarus', documentType: 'Passport', documentNumber: 'AE8800088',
  phone: '+375 29 888-00-88', exploitation: 'Forced labour', country: 'Poland',
};
const OPEN_DOORS = 'NGO Open Doors';
const SERVICE = 'Psychological assistance';
const NO_CONSENT = `Missing consent: the person has not agreed to be referred to ${OPEN_DOORS}. Record that consent first.`;
const OUTCOME = 'Eight counselling sessions held, sleeping again';

async function notice(page) {
  const n = page.locator('.notice[role="status"]');
  assert.equal(await n.count(), 1, `no notice on ${page.url()}`);
  return cleanText(await n.innerText());
}

describe('referrals in the browser', { concurrency: 1 }, () => {
  const mayak = useMayak();

  it('a case manager refers a case, the partner caseworker accepts and completes it seeing only its part, and the service is completed on the case', { timeout: 120_000 }, async () => {
    const manager = await mayak.newPage({ locale: 'en-GB' });
    const partner = await mayak.newPage({ locale: 'en-GB' });
    await enrolAndSignIn(manager, 'casemanager');
    await enrolAndSignIn(partner, 'partner');

    // Intake in Gomel region.
    await manager.goto('/cases/new');
    for (const [label, value] of [['Family name', PERSON.familyName], ['Given names', PERSON.givenNames],
      ['Date of birth', PERSON.birthDate], ['Document number', PERSON.documentNumber], ['Phone', PERSON.phone]]) {
      await field(manager, label).fill(value);
    }
    for (const [label, option] of [['Sex', PERSON.sex], ['Citizenship', PERSON.citizenship],
      ['Identity document', PERSON.documentType], ['Exploitation', PERSON.exploitation],
      ['Country of exploitation', PERSON.country], ['Region', 'Gomel Region']]) {
      await field(manager, label).selectOption({ label: option });
    }
    await clickAndWait(manager, manager.getByRole('button', { name: 'Register the case' }));
    const m = /^\/cases\/(\d+)$/.exec(pathOf(manager));
    assert.ok(m, `not on the case page: ${manager.url()}`);
    const id = Number(m[1]);
    const code = cleanText(await manager.locator('main h1 code').innerText());

    // Pick the service; Mayak suggests partners in the region first.
    await clickAndWait(manager, manager.getByRole('link', { name: 'Refer to a partner', exact: true }));
    assert.equal(pathOf(manager), `/cases/${id}/referrals/new`);
    await manager.getByRole('checkbox', { name: SERVICE, exact: true }).check();
    await clickAndWait(manager, manager.getByRole('button', { name: 'Suggest partners' }));
    const suggested = manager.locator('#suggestions tbody tr');
    assert.ok((await suggested.count()) > 0, 'no partner suggested');
    const firstRow = cleanText(await suggested.first().innerText());
    assert.ok(firstRow.includes('Same region'), `the first suggestion is not in the region: ${firstRow}`);
    const openDoorsRow = suggested.filter({ hasText: OPEN_DOORS });
    assert.equal(await openDoorsRow.count(), 1, `${OPEN_DOORS} not suggested`);
    assert.ok(cleanText(await openDoorsRow.innerText()).includes(SERVICE));
    await screenshot(manager, 'referral-new');

    const send = async () => {
      await field(manager, 'Receiving organisation').selectOption({ label: OPEN_DOORS });
      await manager.getByRole('radio', { name: 'Needs and contacts (name, phone, languages)' }).check();
      return clickAndWait(manager, manager.getByRole('button', { name: 'Send the referral' }));
    };
    // Without the person's consent: refused, naming the consent and the organisation.
    const refused = await send();
    assert.equal(refused.status(), 422);
    assert.equal(cleanText(await manager.locator('#err-to_organisation_id').innerText()), NO_CONSENT);
    assert.ok(cleanText(await manager.locator('.alert[role="alert"]').innerText()).includes(NO_CONSENT));

    // Record the consent on the case page, then send again.
    await manager.goto(`/cases/${id}`);
    const consents = section(manager, 'Informed consent');
    await consents.locator('details.add summary').click();
    await field(consents, 'Purpose').selectOption({ label: 'Referral to an organisation' });
    await field(consents, 'Organisation (for referral)').selectOption({ label: OPEN_DOORS });
    await field(consents, 'Given by').selectOption({ label: 'the person' });
    await field(consents, 'Form').selectOption({ label: 'Signed on paper' });
    await field(consents, 'Given').fill(today());
    await clickAndWait(manager, consents.getByRole('button', { name: 'Record a consent', exact: true }));
    await manager.goto(`/cases/${id}/referrals/new?service=Psychological`);
    const sent = await send();
    assert.equal(sent.status(), 200);
    assert.match(pathOf(manager), /^\/referrals\/\d+$/);
    const referralPath = pathOf(manager);
    assert.equal(await notice(manager), 'The referral was sent.');
    assert.equal(cleanText(await manager.locator('#referral-state').innerText()), 'sent');

    // The partner finds it in the inbox and accepts it.
    await partner.goto('/referrals');
    const toDecide = partner.locator('#to-decide');
    assert.ok(cleanText(await toDecide.innerText()).includes(code), 'the referral is not in the partner\'s inbox');
    await clickAndWait(partner, toDecide.getByRole('link', { name: code }));
    assert.equal(pathOf(partner), referralPath);
    await clickAndWait(partner, partner.getByRole('button', { name: 'Accept', exact: true }));
    assert.equal(await notice(partner), 'The referral was accepted.');

    // The case as the partner sees it: name and phone, not the document or birth date.
    await clickAndWait(partner, partner.locator('main h1 a'));
    assert.equal(pathOf(partner), `/cases/${id}`);
    const identity = cleanText(await partner.locator('#identity').innerText());
    assert.ok(identity.includes(PERSON.familyName) && identity.includes(PERSON.phone), identity);
    const main = cleanText(await partner.locator('main').innerText());
    for (const hidden of [PERSON.documentNumber, PERSON.birthDate]) {
      assert.ok(!main.includes(hidden), `the partner sees ${hidden}`);
    }
    for (const heading of ['Informed consent', 'History']) {
      assert.equal(await section(partner, heading).count(), 0, `the partner sees the section ${heading}`);
    }
    // … and the same through the API with the partner's session.
    const api = await partner.request.get(`/api/v1/cases/${id}`);
    assert.equal(api.status(), 200);
    const person = (await api.json()).person;
    assert.equal(person.family_name, PERSON.familyName);
    assert.deepEqual(person.phones, [PERSON.phone]);
    assert.equal(person.birth_date, null);
    assert.deepEqual(person.documents, []);
    await screenshot(partner, 'referral-partner-case');

    // The partner completes it with the outcome.
    await partner.goto(referralPath);
    await field(partner, 'Outcome of the service').fill(OUTCOME);
    await clickAndWait(partner, partner.getByRole('button', { name: 'Mark completed', exact: true }));
    assert.equal(await notice(partner), 'The referral was completed; its services on the case are completed.');

    // The case manager sees the service completed on the case, with the outcome.
    await manager.goto(`/cases/${id}`);
    const services = section(manager, 'Services');
    const row = services.locator('tbody tr').filter({ hasText: OPEN_DOORS });
    assert.equal(await row.count(), 1);
    const text = cleanText(await row.innerText());
    assert.ok(text.includes(SERVICE) && text.includes('completed') && text.includes(OUTCOME), text);
    const referrals = cleanText(await section(manager, 'Referrals').innerText());
    assert.ok(referrals.includes('completed'), referrals);
    await screenshot(manager, 'referral-case-completed');
  });
});
