// Prevention in a real browser against the real server with demo data:
// a content editor builds a self-check quiz (questions, answers with points,
// advice per score band), previews and publishes it; an anonymous visitor
// takes it in Belarusian from the home page and sees the advice for the
// score. A trainer records a course and a session, registers participants
// (one by the form, two from a CSV list), enters the pre- and post-tests,
// sees the knowledge gain and downloads a participant's certificate, whose
// text (Cyrillic and Belarusian letters) is read back with pdftotext.
// The home page's weight is measured as an old phone would load it.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clickAndWait, screenshot, signIn, useMayak, watchPage } from '../harness.js';

const T = { timeout: 90_000 };
const cleanText = (s) => s.replace(/\s+/g, ' ').trim();

const QUIZ = {
  slug: 'online-job-check',
  title: { ru: 'Проверка вакансии в интернете', be: 'Праверка вакансіі ў інтэрнэце', en: 'Online job ad check' },
  intro: { ru: 'Два вопроса.', be: 'Два пытанні.', en: 'Two questions.' },
  questions: [
    {
      text: { ru: 'Работодатель просит оплатить визу?', be: 'Працадаўца просіць аплаціць візу?', en: 'Does the employer ask you to pay for the visa?' },
      answers: [
        { ru: 'Да', be: 'Так', en: 'Yes', points: 2 },
        { ru: 'Нет', be: 'Не', en: 'No', points: 0 },
      ],
    },
    {
      text: { ru: 'Договор дают только на месте?', be: 'Дагавор даюць толькі на месцы?', en: 'Is the contract given only on arrival?' },
      answers: [
        { ru: 'Да', be: 'Так', en: 'Yes', points: 2 },
        { ru: 'Нет', be: 'Не', en: 'No', points: 0 },
      ],
    },
  ],
  bands: [
    { min: 0, max: 1, ru: 'Похоже на честное предложение.', be: 'Падобна на сумленную прапанову.', en: 'Looks like an honest offer.' },
    { min: 2, max: 4, ru: 'Опасно: позвоните на горячую линию.', be: 'Небяспечна: патэлефануйце на гарачую лінію 8 801 201 5555.', en: 'Dangerous: call the hotline.' },
  ],
};

async function fill3(form, name, text) {
  for (const lang of ['ru', 'be', 'en']) {
    await form.locator(`[name="${name}_${lang}"]`).fill(text[lang]);
  }
}

describe('prevention', () => {
  const mayak = useMayak();

  it('a content editor builds a quiz; a visitor takes it in Belarusian and gets the advice for the score', T, async () => {
    const page = await mayak.newPage();
    const seen = watchPage(page);
    const res = await signIn(page, 'editor', undefined, { next: '/content/quizzes' });
    assert.equal(res.status(), 200);
    assert.equal(new URL(page.url()).pathname, '/content/quizzes');

    // A form with a missing Belarusian title is refused with the field named.
    const create = page.locator('form[action="/content/quizzes"]');
    await create.locator('#f-slug').fill(QUIZ.slug);
    await create.locator('[name="title_ru"]').fill(QUIZ.title.ru);
    let r = await clickAndWait(page, create.locator('button[type="submit"]'));
    assert.equal(r.status(), 422);
    assert.ok(await page.locator('#err-title_be').isVisible(), 'no error beside the Belarusian title');

    await fill3(create, 'title', QUIZ.title);
    await fill3(create, 'intro', QUIZ.intro);
    r = await clickAndWait(page, create.locator('button[type="submit"]'));
    assert.equal(r.status(), 200);
    assert.match(new URL(page.url()).pathname, /^\/content\/quizzes\/\d+$/);
    const editor = new URL(page.url()).pathname;

    for (const q of QUIZ.questions) {
      const form = page.locator('form[action$="/questions"]');
      await fill3(form, 'question', q.text);
      await clickAndWait(page, form.locator('button[type="submit"]'));
    }
    for (let i = 0; i < QUIZ.questions.length; i++) {
      for (const a of QUIZ.questions[i].answers) {
        const item = page.locator('ol.quiz-questions > li').nth(i);
        await item.locator('summary').click();
        const form = item.locator('form[action$="/answers"]');
        await fill3(form, 'answer', a);
        await form.locator('[name="points"]').fill(String(a.points));
        await clickAndWait(page, form.locator('button[type="submit"]'));
      }
    }
    for (const b of QUIZ.bands) {
      const form = page.locator('form[action$="/bands"]');
      await form.locator('#f-min_score').fill(String(b.min));
      await form.locator('#f-max_score').fill(String(b.max));
      await fill3(form, 'advice', b);
      await clickAndWait(page, form.locator('button[type="submit"]'));
    }
    assert.equal(await page.locator('.note').count(), 0, 'the quiz still lacks something');

    // Preview: the quiz as visitors see it; answers here are not counted.
    await page.goto(`${editor}/preview?lang=be`);
    assert.equal(cleanText(await page.locator('h1').innerText()), QUIZ.title.be);
    await page.goto(`${editor}?lang=ru`);
    await clickAndWait(page, page.locator('form[action$="/publication"] button'));
    assert.ok(await page.locator('.notice').isVisible());
    await screenshot(page, 'prevention-quiz-editor');

    // An anonymous visitor, in Belarusian, from the home page.
    const ctx = await mayak.newContext({ locale: 'be-BY' });
    const visitor = await ctx.newPage();
    const visitorSeen = watchPage(visitor);
    await visitor.goto('/?lang=be');
    assert.equal(await visitor.locator('html').getAttribute('lang'), 'be');
    await clickAndWait(visitor, visitor.getByRole('link', { name: QUIZ.title.be, exact: true }));
    assert.equal(new URL(visitor.url()).pathname, `/quizzes/${QUIZ.slug}`);
    // Missing an answer: the question is pointed out.
    await visitor.getByRole('group', { name: `1. ${QUIZ.questions[0].text.be}` }).getByLabel('Так', { exact: true }).check();
    r = await clickAndWait(visitor, visitor.locator('form.quiz button[type="submit"]'));
    assert.equal(r.status(), 422);
    assert.ok(await visitor.getByText('Выберыце адказ.').first().isVisible());
    await visitor.getByRole('group', { name: `1. ${QUIZ.questions[0].text.be}` }).getByLabel('Так', { exact: true }).check();
    await visitor.getByRole('group', { name: `2. ${QUIZ.questions[1].text.be}` }).getByLabel('Так', { exact: true }).check();
    r = await clickAndWait(visitor, visitor.locator('form.quiz button[type="submit"]'));
    assert.equal(r.status(), 200);
    assert.equal(cleanText(await visitor.locator('.quiz-result .score').innerText()), 'Ваш вынік: 4 з 4.');
    assert.equal(cleanText(await visitor.locator('.quiz-result .advice').innerText()), QUIZ.bands[1].be);
    const cookies = await ctx.cookies();
    assert.deepEqual(cookies.map((c) => c.name), ['mayak_lang'], 'a visitor gets no cookie but the language');
    await screenshot(visitor, 'prevention-quiz-result-be');
    // The refused form above answers 422 on purpose; the browser logs that status.
    assert.deepEqual(visitorSeen.consoleErrors.filter((e) => !e.includes('status of 422')), []);
    assert.deepEqual(visitorSeen.foreignRequests, []);
    assert.deepEqual(seen.pageErrors, []);

    // The editor sees one completion, in Belarusian, and nothing else about the visitor.
    await page.goto(`${editor}?lang=en`);
    assert.ok((await page.locator('main').innerText()).includes('taken 1 times'));
  });

  it('the home page is light: measured as a phone loads it', T, async () => {
    const ctx = await mayak.newContext({ viewport: { width: 360, height: 640 }, locale: 'ru-RU' });
    const page = await ctx.newPage();
    await page.goto('/', { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
    // What the browser downloaded (compressed, as sent) and what it decoded.
    const { requests, sent, decoded } = await page.evaluate(() => {
      const all = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
      return {
        requests: all.length,
        sent: all.reduce((n, e) => n + e.transferSize, 0),
        decoded: all.reduce((n, e) => n + e.decodedBodySize, 0),
      };
    });
    console.log(`home page: ${requests} requests, ${sent} bytes transferred, ${decoded} bytes decoded`);
    assert.ok(decoded > 5_000, `the measurement saw too little: ${decoded} bytes`);
    assert.ok(decoded < 60_000, `home page loads ${decoded} bytes`);
    assert.ok(requests <= 5, `home page makes ${requests} requests`);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll <= 360, `the home page scrolls sideways (${scroll}px)`);
    await screenshot(page, 'prevention-home-phone');
  });

  it('a trainer records a training with pre- and post-tests and downloads a certificate', T, async () => {
    const page = await mayak.newPage();
    const res = await signIn(page, 'trainer', undefined, { next: '/trainings?lang=be' });
    assert.equal(res.status(), 200);
    const course = page.locator('form[action="/trainings/courses"]');
    await course.locator('#f-title').fill('Выяўленне ахвяр гандлю людзьмі ў сетцы');
    await course.locator('#f-organisation_id').selectOption({ label: 'Міжнародны навучальны цэнтр па міграцыі і процідзеянні гандлю людзьмі' });
    await clickAndWait(page, course.locator('button[type="submit"]'));

    const session = page.locator('form[action="/trainings/sessions"]');
    await session.locator('#f-course_id').selectOption({ label: 'Выяўленне ахвяр гандлю людзьмі ў сетцы' });
    await session.locator('#f-starts_on').fill('2026-02-10');
    await session.locator('#f-ends_on').fill('2026-02-11');
    await session.locator('#f-place').fill('Мінск');
    await session.locator('#f-trainers').fill('Павел Настаўнікаў');
    await session.locator('#f-max_score').fill('20');
    let r = await clickAndWait(page, session.locator('button[type="submit"]'));
    assert.equal(r.status(), 200);
    assert.match(new URL(page.url()).pathname, /^\/trainings\/sessions\/\d+$/);

    // One participant by the form.
    const add = page.locator('form[action$="/participants"]');
    await add.locator('#f-full_name').fill('Алеся Ўладзіміраўна Іванова');
    await add.locator('#f-sex').selectOption('Female');
    await add.locator('#f-organisation_id').selectOption({ label: 'ГА «Бяспечны шлях» (гарачая лінія)' });
    await add.locator('[name="mdg_member"]').check();
    await clickAndWait(page, add.locator('button[type="submit"]'));

    // Two more from a CSV list, one of them wrong: nothing imported, the row named.
    const dir = mkdtempSync(join(tmpdir(), 'mayak-e2e-'));
    const csv = join(dir, 'participants.csv');
    writeFileSync(csv, 'ФИО;Пол;Организация;Тип организации;Область\nІгар Новік;М;Гомельская больница;HealthService;BY-HO\nНехто;?;;;\n');
    const imp = page.locator('form[action*="/import"]');
    await imp.locator('#f-file').setInputFiles(csv);
    r = await clickAndWait(page, imp.locator('button[type="submit"]'));
    assert.equal(r.status(), 422);
    assert.equal(await page.locator('.import-report tr.row-error').count(), 1);
    writeFileSync(csv, 'ФИО;Пол;Организация;Тип организации;Область\nІгар Новік;М;Гомельская больница;HealthService;BY-HO\n');
    await page.locator('form[action*="/import"] #f-file').setInputFiles(csv);
    r = await clickAndWait(page, page.locator('form[action*="/import"] button[type="submit"]'));
    assert.equal(r.status(), 200);
    assert.equal(await page.locator('form[action$="/results"] tbody tr').count(), 2);

    // Attendance and the tests.
    const rows = page.locator('form[action$="/results"] tbody tr');
    for (const [i, [pre, post]] of [[8, 17], [10, 15]].entries()) {
      const row = rows.nth(i);
      await row.locator('input[type="checkbox"]').check();
      await row.locator('input[name^="pre_"]').fill(String(pre));
      await row.locator('input[name^="post_"]').fill(String(post));
    }
    await clickAndWait(page, page.locator('form[action$="/results"] button[type="submit"]'));
    assert.equal(cleanText(await page.locator('#average-gain').innerText()), '+35.0');
    await screenshot(page, 'prevention-session');

    // The certificate of the first participant.
    const link = page.getByRole('link', { name: 'Сертыфікат: Алеся Ўладзіміраўна Іванова (PDF)' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const pdf = join(dir, 'certificate.pdf');
    await download.saveAs(pdf);
    assert.equal(readFileSync(pdf).subarray(0, 5).toString(), '%PDF-');
    const text = cleanText(execFileSync('pdftotext', [pdf, '-']).toString());
    for (const needle of ['Сертыфікат', 'Алеся Ўладзіміраўна Іванова', 'прайшла навучанне', 'Выяўленне ахвяр гандлю людзьмі ў сетцы', 'Трэнеры: Павел Настаўнікаў']) {
      assert.ok(text.includes(needle), `${needle} not in the certificate: ${text}`);
    }
    execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', pdf, join(dir, 'certificate')]);
    console.log(`certificate: ${readFileSync(pdf).length} bytes, rendered to ${join(dir, 'certificate.png')}`);
  });
});
