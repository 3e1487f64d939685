// What a person sees on Mayak's pages, checked in a real browser against the
// real server with demo data. The home page is public; the staff pages
// (partner directory, groups, reference lists) need a sign-in, so those tests
// sign in first as `analyst` (password only, no second factor).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { signIn, useMayak, watchPage } from '../harness.js';

const T = { timeout: 30_000 };

const LANGS = {
  ru: {
    name: 'Русский',
    title: 'Противодействие торговле людьми — от начала до конца',
    fourP: ['Профилактика', 'Преследование', 'Защита', 'Партнёрство'],
    notFound: 'Страница не найдена',
    partners: 'Справочник партнёров',
  },
  be: {
    name: 'Беларуская',
    title: 'Процідзеянне гандлю людзьмі — ад пачатку да канца',
    fourP: ['Прафілактыка', 'Пераслед', 'Абарона', 'Партнёрства'],
    notFound: 'Старонка не знойдзена',
    partners: null, // not asserted
  },
  en: {
    name: 'English',
    title: 'Counter-trafficking response, end to end',
    fourP: ['Prevention', 'Prosecution', 'Protection', 'Partnership'],
    notFound: 'Page not found',
    partners: 'Partner directory',
  },
};

const HOTLINE_NUMBERS = ['8 801 201 5555', '113'];

const htmlLang = (page) => page.locator('html').getAttribute('lang');
const cleanText = (s) => s.replace(/\s+/g, ' ').trim();

/** Sign in as analyst on a fresh page; the page ends on `next` (default `/`). */
async function analystPage(mayak, { next = '/', ...opts } = {}) {
  const page = await mayak.newPage(opts);
  const res = await signIn(page, 'analyst', undefined, { next });
  assert.equal(res.status(), 200, `sign-in as analyst ended on ${page.url()} with status ${res.status()}`);
  assert.equal(new URL(page.url()).pathname, new URL(next, 'http://x').pathname, 'sign-in as analyst did not land on next');
  return page;
}

/** The number at the start of the partner count line, e.g. "49 organisations". */
function countFrom(text) {
  const m = /\d+/.exec(text);
  assert.ok(m, `count text has no number: ${JSON.stringify(text)}`);
  return Number(m[0]);
}

describe('Mayak in the browser', () => {
  const mayak = useMayak();

  for (const [code, L] of Object.entries(LANGS)) {
    describe(`home page in ${code}`, () => {
      let page;
      let seen;
      const opened = () => {
        assert.ok(page, 'the home page did not open (see the first test of this group)');
        return page;
      };

      it('opens with status 200 and <html lang> set', T, async () => {
        page = await mayak.newPage();
        seen = watchPage(page);
        const res = await page.goto(`/?lang=${code}`);
        assert.equal(res.status(), 200);
        assert.equal(await htmlLang(page), code);
      });

      it('shows the title in that language as the only h1', T, async () => {
        const page = opened();
        const h1 = page.locator('h1');
        assert.equal(await h1.count(), 1);
        assert.ok(await h1.isVisible(), 'h1 is not visible');
        assert.equal(cleanText(await h1.innerText()), L.title);
        assert.ok((await page.title()).startsWith(L.title), `document title: ${await page.title()}`);
      });

      it('shows the hotline numbers', T, async () => {
        const page = opened();
        const hotline = page.locator('main .hotline');
        for (const n of HOTLINE_NUMBERS) {
          const link = hotline.getByRole('link', { name: n, exact: true });
          assert.equal(await link.count(), 1, `hotline number ${n} not found once in main`);
          assert.ok(await link.isVisible(), `hotline number ${n} is not visible`);
          assert.equal(await link.getAttribute('href'), `tel:${n.replace(/\s/g, '')}`);
        }
      });

      it('shows the four 4P headings in that language', T, async () => {
        const page = opened();
        const headings = page.locator('main .cards').getByRole('heading', { level: 3 });
        assert.deepEqual((await headings.allInnerTexts()).map(cleanText), L.fourP);
        for (const name of L.fourP) {
          const h = page.locator('main').getByRole('heading', { name, exact: true });
          assert.ok(await h.isVisible(), `4P heading "${name}" is not visible`);
        }
      });

      it('marks the current language in the language switch', T, async () => {
        const page = opened();
        const nav = page.locator('nav.lang');
        assert.ok(await nav.isVisible(), 'language switch is not visible');
        const links = nav.getByRole('link');
        assert.deepEqual(
          (await links.allInnerTexts()).map(cleanText),
          ['Русский', 'Беларуская', 'English'],
        );
        const current = nav.locator('a[aria-current="true"]');
        assert.equal(await current.count(), 1, 'exactly one language is marked current');
        assert.equal(cleanText(await current.innerText()), L.name);
        assert.equal(await current.getAttribute('hreflang'), code);
        for (const other of Object.keys(LANGS).filter((c) => c !== code)) {
          const a = nav.locator(`a[hreflang="${other}"]`);
          assert.equal(await a.getAttribute('aria-current'), null, `${other} must not be marked current`);
        }
      });

      it('shows the demo banner', T, async () => {
        const page = opened();
        const banner = page.locator('.demo-banner');
        assert.equal(await banner.count(), 1);
        assert.ok(await banner.isVisible(), 'demo banner is not visible');
        assert.ok(cleanText(await banner.innerText()).length > 10, 'demo banner is empty');
      });

      it('has no console errors and loads nothing from outside 127.0.0.1', T, async () => {
        const page = opened();
        await page.waitForLoadState('load');
        assert.deepEqual(seen.consoleErrors, [], 'console errors');
        assert.deepEqual(seen.pageErrors, [], 'uncaught page errors');
        assert.deepEqual(seen.failedRequests, [], 'failed requests');
        assert.deepEqual(seen.foreignRequests, [], 'requests to hosts other than 127.0.0.1');
        assert.ok(seen.requests.length > 1, 'expected the page to load its own assets');
      });
    });
  }

  describe('language choice', () => {
    it('without a choice, a Russian-speaking browser gets Russian', T, async () => {
      const page = await analystPage(mayak);
      const res = await page.goto('/partners');
      assert.equal(res.status(), 200);
      assert.equal(new URL(page.url()).pathname, '/partners');
      assert.equal(await htmlLang(page), 'ru');
      assert.equal(cleanText(await page.locator('h1').innerText()), LANGS.ru.partners);
    });

    it('clicking "English" switches to English and the choice persists (cookie)', T, async () => {
      const ctx = await mayak.newContext();
      const page = await ctx.newPage();
      await signIn(page, 'analyst');
      await page.goto('/');
      assert.equal(await htmlLang(page), 'ru');
      assert.equal(await page.locator('a.account').getAttribute('href'), '/account', 'not signed in');
      assert.equal(cleanText(await page.locator('h1').innerText()), LANGS.ru.title);

      await Promise.all([
        page.waitForURL((u) => u.searchParams.get('lang') === 'en'),
        page.locator('nav.lang').getByRole('link', { name: 'English', exact: true }).click(),
      ]);
      assert.equal(await htmlLang(page), 'en');
      assert.equal(cleanText(await page.locator('h1').innerText()), LANGS.en.title);
      assert.equal(
        await page.locator('nav.lang a[aria-current="true"]').innerText(),
        'English',
      );

      const cookie = (await ctx.cookies()).find((c) => c.name === 'mayak_lang');
      assert.ok(cookie, 'mayak_lang cookie was not set');
      assert.equal(cookie.value, 'en');

      // Next navigation, without ?lang: still English.
      const res = await page.goto('/partners');
      assert.equal(res.status(), 200);
      assert.equal(new URL(page.url()).pathname, '/partners');
      assert.equal(new URL(page.url()).searchParams.get('lang'), null);
      assert.equal(await htmlLang(page), 'en');
      assert.equal(cleanText(await page.locator('h1').innerText()), LANGS.en.partners);
      assert.equal(
        await page.locator('nav.lang a[aria-current="true"]').innerText(),
        'English',
      );
    });
  });

  describe('partner directory', () => {
    it('filtering by region reduces the rows and changes the count text', T, async () => {
      const page = await analystPage(mayak);
      const seen = watchPage(page);
      const res = await page.goto('/partners?lang=en');
      assert.equal(res.status(), 200);
      assert.equal(new URL(page.url()).pathname, '/partners');
      const rows = page.locator('table.data tbody tr');
      const status = page.getByRole('status');

      const allRows = await rows.count();
      const allText = cleanText(await status.innerText());
      assert.ok(allRows > 1, `expected several partners, got ${allRows}`);
      assert.equal(countFrom(allText), allRows, `count text "${allText}" vs ${allRows} rows`);

      await page.getByLabel('Region').selectOption({ label: 'Brest Region' });
      await Promise.all([
        page.waitForURL((u) => u.searchParams.get('region') === 'BY-BR'),
        page.getByRole('button', { name: 'Apply' }).click(),
      ]);

      const fewRows = await rows.count();
      const fewText = cleanText(await status.innerText());
      assert.ok(fewRows > 0, 'the Brest Region filter shows no partner');
      assert.ok(fewRows < allRows, `filter did not reduce rows: ${fewRows} of ${allRows}`);
      assert.notEqual(fewText, allText, 'count text did not change');
      assert.equal(countFrom(fewText), fewRows, `count text "${fewText}" vs ${fewRows} rows`);

      // Every remaining row is in Brest Region (3rd column), and the form keeps the choice.
      const regions = await rows.locator('td:nth-of-type(2)').allInnerTexts();
      assert.deepEqual([...new Set(regions.map(cleanText))], ['Brest Region']);
      assert.equal(await page.getByLabel('Region').inputValue(), 'BY-BR');
      assert.equal(await htmlLang(page), 'en');
      assert.deepEqual(seen.consoleErrors, [], 'console errors');
    });
  });

  describe('404 page', () => {
    for (const [code, L] of Object.entries(LANGS)) {
      it(`an unknown path shows the ${code} 404 page with status 404`, T, async () => {
        const page = await mayak.newPage();
        const res = await page.goto(`/no-such-page/e2e?lang=${code}`);
        assert.equal(res.status(), 404);
        assert.match(res.headers()['content-type'] || '', /text\/html/);
        assert.equal(await htmlLang(page), code);
        assert.equal(cleanText(await page.locator('h1').innerText()), L.notFound);
        assert.ok((await page.title()).startsWith(L.notFound), `document title: ${await page.title()}`);
        const home = page.locator('main a[href="/"]');
        assert.ok(await home.first().isVisible(), 'no visible link back to the home page');
      });
    }
  });

  describe('staff pages stay local and quiet (signed in as analyst)', () => {
    for (const path of ['/partners', '/partners/groups', '/reference', '/reference/country']) {
      it(`${path} has no console errors and loads nothing from outside 127.0.0.1`, T, async () => {
        // Sign in on one page, then open the staff page in a new page of the
        // same context: leaving a page aborts its late favicon request, which
        // would show up as a failed request.
        const ctx = await mayak.newContext();
        await signIn(await ctx.newPage(), 'analyst');
        const page = await ctx.newPage();
        const seen = watchPage(page);
        const res = await page.goto(path);
        assert.equal(res.status(), 200);
        assert.equal(new URL(page.url()).pathname, path, 'redirected away (to the login form?)');
        assert.equal(await page.locator('a.account').getAttribute('href'), '/account', 'not signed in');
        await page.waitForLoadState('load');
        assert.deepEqual(seen.consoleErrors, [], 'console errors');
        assert.deepEqual(seen.pageErrors, [], 'uncaught page errors');
        assert.deepEqual(seen.failedRequests, [], 'failed requests');
        assert.deepEqual(seen.foreignRequests, [], 'requests to hosts other than 127.0.0.1');
      });
    }
  });

  describe('layout', () => {
    // The main navigation is shown to signed-in staff only (with the links
    // their role may follow), so the alignment is measured as analyst.
    const measure = (page) => page.evaluate(() => {
      const left = (sel) => {
        const el = document.querySelector(sel);
        return el ? el.getBoundingClientRect().left : null;
      };
      return {
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        brand: left('header .brand'),
        navStart: left('.main-nav .nav-section'),
        h1: left('main h1'),
      };
    });

    for (const width of [1280, 390]) {
      it(`at ${width}px the home page does not scroll sideways`, T, async () => {
        const page = await mayak.newPage({ viewport: { width, height: 800 } });
        await page.goto('/');
        const m = await measure(page);
        assert.ok(m.scrollWidth <= m.innerWidth, `page is ${m.scrollWidth}px wide in a ${m.innerWidth}px window`);
      });

      it(`at ${width}px the home page with the staff navigation does not scroll sideways`, T, async () => {
        const page = await analystPage(mayak, { viewport: { width, height: 800 } });
        const m = await measure(page);
        assert.notEqual(m.navStart, null, 'no main navigation for a signed-in analyst');
        assert.ok(m.scrollWidth <= m.innerWidth, `page is ${m.scrollWidth}px wide in a ${m.innerWidth}px window`);
      });

      it(`at ${width}px the main navigation lines up with the logo and content`, T, async () => {
        const page = await analystPage(mayak, { viewport: { width, height: 800 } });
        const m = await measure(page);
        assert.notEqual(m.navStart, null, 'no main navigation for a signed-in analyst');
        assert.ok(
          Math.abs(m.navStart - m.h1) <= 12,
          `main navigation starts at x=${m.navStart}, logo at x=${m.brand}, h1 at x=${m.h1}`,
        );
      });
    }
  });

  describe('keyboard', () => {
    for (const [code, label] of [['en', 'Skip to main content'], ['ru', 'Перейти к основному содержанию']]) {
      it(`Tab first focuses the skip link and Enter moves focus to main (${code})`, T, async () => {
        const page = await mayak.newPage();
        await page.goto(`/?lang=${code}`);

        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const el = document.activeElement;
          const r = el.getBoundingClientRect();
          return {
            tag: el.tagName,
            text: el.textContent.trim(),
            href: el.getAttribute('href'),
            inViewport: r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 &&
              r.right <= window.innerWidth && r.bottom <= window.innerHeight,
          };
        });
        assert.equal(focused.tag, 'A', `first Tab focused ${focused.tag}`);
        assert.equal(focused.text, label);
        assert.equal(focused.href, '#main');
        assert.ok(focused.inViewport, 'the focused skip link is not shown on screen');

        await page.keyboard.press('Enter');
        await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'main');
        const active = await page.evaluate(() => ({
          tag: document.activeElement.tagName,
          id: document.activeElement.id,
        }));
        assert.deepEqual(active, { tag: 'MAIN', id: 'main' });
        assert.equal(new URL(page.url()).hash, '#main');
      });
    }
  });
});
