// The Viber channel in a real browser: signed webhook callbacks (shaped as the
// Viber REST bot API sends them) reach the consultants' queue; the consultant
// answers with the keyboard and, because the person agreed in the conversation,
// ticks that they may be recognised; the answer leaves through the outbox to a
// local server standing in for chatapi.viber.com, and the request page shows
// it delivered. The same person's next message is recognised, with a link to
// the consenting consultation; someone else's is not.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { clickAndWait, enrolAndSignIn, screenshot, useMayak, watchPage } from '../harness.js';

const TOKEN = '4453b6ac12345678-e02c5f12174805f9-a1b2c3d4e5f60718';

// The stand-in Viber API: records every send_message call and accepts it.
const sent = [];
const fake = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (d) => { body += d; });
  req.on('end', () => {
    sent.push({ path: req.url, token: req.headers['x-viber-auth-token'], body: JSON.parse(body || 'null') });
    res.setHeader('content-type', 'application/json');
    res.end('{"status":0,"status_message":"ok","message_token":5098034272017990001}');
  });
});
await new Promise((resolve) => fake.listen(0, '127.0.0.1', resolve));
fake.unref();
const fakeURL = `http://127.0.0.1:${fake.address().port}`;

// Real tokens are 64-bit; these stay below 2^53 so JSON numbers keep them exact.
let token = 4100000000000000;
function message(sender, text) {
  token += 1;
  return JSON.stringify({
    event: 'message',
    timestamp: Date.now(),
    message_token: token,
    sender: { id: sender, name: 'Test Sender', language: 'ru' },
    message: { type: 'text', text },
  });
}

async function deliver(mayak, body) {
  const signature = createHmac('sha256', TOKEN).update(body).digest('hex');
  const r = await fetch(mayak.url('/channels/viber'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Viber-Content-Signature': signature },
    body,
  });
  assert.equal(r.status, 200, await r.text());
}

async function tabTo(page, locator) {
  for (let i = 0; i < 60; i++) {
    if (await locator.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`not reachable by Tab: ${locator}`);
}

const clean = (s) => s.replace(/\s+/g, ' ').trim();

describe('hotline: the Viber channel', () => {
  const mayak = useMayak({ serverArgs: ['--viber-token', TOKEN, '--viber-base-url', fakeURL] });

  it('a consenting Viber sender is answered, the answer delivered, and recognised next time', async () => {
    const page = await mayak.newPage({ locale: 'en-GB' });
    const seen = watchPage(page);
    await enrolAndSignIn(page, 'hotline', { next: '/hotline/requests' });

    await deliver(mayak, message('ViberUserAAA1=', 'They offer me work in Poland without a contract (e2e-viber). Is it normal?'));
    await page.goto('/hotline/requests?lang=en');
    const row = page.locator('tbody tr').filter({ hasText: 'Viber' }).last();
    assert.equal(await row.count(), 1, 'the Viber request is in the queue with its channel');
    await clickAndWait(page, row.locator('th a'));
    assert.match(clean(await page.locator('#request-question').innerText()), /without a contract \(e2e-viber\)/);
    assert.equal(await page.locator('#known-caller').count(), 0, 'a first-time sender is not recognised');
    await screenshot(page, 'hotline-viber-request');

    // Keyboard only: the answer has the focus; Tab reaches the topic and the consent box.
    await page.keyboard.type('Do not go without a contract. Call 113 before you travel.');
    await tabTo(page, page.locator('input[name=topics][value=EmploymentAbroad]'));
    await page.keyboard.press('Space');
    const consent = page.locator('input[name=repeat_consent]');
    await tabTo(page, consent);
    await page.keyboard.press('Space');
    assert.ok(await consent.isChecked());
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.equal(new URL(page.url()).pathname, '/hotline/requests', await page.locator('.error-summary').innerText().catch(() => ''));

    // The outbox goes out on the server's next round (every 20 s).
    for (let i = 0; i < 60 && sent.length === 0; i++) await new Promise((r) => setTimeout(r, 500));
    assert.equal(sent.length, 1, 'the answer reached the Viber API');
    assert.equal(sent[0].path, '/pa/send_message');
    assert.equal(sent[0].token, TOKEN);
    assert.equal(sent[0].body.receiver, 'ViberUserAAA1=');
    assert.match(sent[0].body.text, /Call 113/);

    const answered = page.locator('#recently-answered li a').first();
    await clickAndWait(page, answered);
    assert.match(clean(await page.locator('#delivery').innerText()), /delivered to the channel/);

    // The same person writes again: recognised, with a link to their consultation.
    await deliver(mayak, message('ViberUserAAA1=', 'Thank you! And what about Lithuania? (e2e-viber-2)'));
    await deliver(mayak, message('ViberUserBBB2=', 'Hello, a question about a visa (e2e-viber-3)'));
    await page.goto('/hotline/requests?lang=en');
    const viberRows = page.locator('tbody tr').filter({ hasText: 'Viber' });
    await clickAndWait(page, viberRows.nth((await viberRows.count()) - 2).locator('th a'));
    assert.match(clean(await page.locator('#request-question').innerText()), /e2e-viber-2/);
    assert.match(clean(await page.locator('#known-caller').innerText()), /agreed to be recognised: 1 consultation/);
    await screenshot(page, 'hotline-viber-recognised');
    await page.setViewportSize({ width: 360, height: 740 });
    await page.reload();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling at 360 px (overflow ${overflow}px)`);
    await screenshot(page, 'hotline-viber-recognised-360');
    await clickAndWait(page, page.locator('#known-caller a'));
    assert.equal(await page.locator('main tbody tr').count(), 1, 'the consenting consultation only');

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/hotline/requests?lang=en');
    await clickAndWait(page, page.locator('tbody tr').filter({ hasText: 'Viber' }).last().locator('th a'));
    assert.match(clean(await page.locator('#request-question').innerText()), /e2e-viber-3/);
    assert.equal(await page.locator('#known-caller').count(), 0, 'another sender is not recognised');
    assert.deepEqual(seen.pageErrors, []);
  });
});
