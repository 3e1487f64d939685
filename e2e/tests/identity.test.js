// Signing in, the second factor, roles and sessions, checked in a real
// browser against the real server with demo data.
//
// Demo users share DEMO_PASSWORD. Roles that read identifying data (admin,
// casemanager, …) must enrol a TOTP second factor at their first sign-in.
// Each test uses its own users where one test's failed attempts (5 lock an
// account) or used codes (a TOTP step or a recovery code works once) could
// disturb another: admin (a), hotline (enrolment half-way),
// analyst/auditor/trainer/casemanager (b), analyst on its own server (c),
// analyst (d: no failures), editor and mdg (e).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEMO_PASSWORD,
  SESSION_COOKIE,
  clickAndWait,
  enrolAndSignIn,
  freshTotp,
  screenshot,
  signIn,
  signOut,
  submitCode,
  totp,
  useMayak,
  watchPage,
} from '../harness.js';

const T = { timeout: 30_000 };
// Waits for the next TOTP step (up to 30 s) on top of the usual work.
const T_TOTP = { timeout: 80_000 };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const cleanText = (s) => s.replace(/\s+/g, ' ').trim();
const pathOf = (page) => new URL(page.url()).pathname;
const paramOf = (page, name) => new URL(page.url()).searchParams.get(name);
const htmlLang = (page) => page.locator('html').getAttribute('lang');

/** hrefs of the main navigation, in page order ([] when there is none). */
const navHrefs = (page) =>
  page.locator('nav.main-nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));

/** Links admin must have; admin may have more under /admin/ (e.g. /admin/retention), never /audit. */
const ADMIN_NAV = ['/hotline/register', '/partners', '/partners/groups', '/statistics', '/referrals/statistics', '/reference', '/admin/users', '/admin/organisations', '/admin/sessions'];
const READER_NAV = ['/partners', '/partners/groups', '/reference'];
const READER_NAMES = ['Справочник партнёров', 'Междисциплинарные группы', 'Справочники'];

/** Links of the administrator's area and the audit trail (auditor only). */
const ADMIN_AREA = ['/admin/users', '/admin/organisations', '/admin/sessions', '/admin/retention'];

/**
 * What each role tested in (b) must see in the main navigation (`nav`, in
 * this order, with these Russian `names`) and must not see anywhere in the
 * header (`absent`); `forbidden` pages must answer the 403 page. Roles may
 * get more links as Mayak grows (e.g. case pages for case managers), so
 * only `absent` is exhaustive: the administrator's area, the audit trail,
 * and case pages for roles without any case scope (docs/ACCESS.md).
 */
const ROLES = {
  analyst: {
    login: 'analyst', nav: READER_NAV, names: READER_NAMES,
    absent: [...ADMIN_AREA, '/audit', '/cases'],
    forbidden: ['/admin/users', '/admin/sessions', '/admin/retention', '/audit'],
  },
  trainer: {
    login: 'trainer', nav: READER_NAV, names: READER_NAMES,
    absent: [...ADMIN_AREA, '/audit', '/cases'],
    forbidden: ['/admin/users', '/audit'],
  },
  auditor: {
    login: 'auditor', nav: ['/audit'], names: ['Журнал аудита'],
    absent: [...READER_NAV, ...ADMIN_AREA, '/cases'],
    forbidden: ['/admin/users', '/partners', '/reference'],
  },
  casemanager: {
    login: 'casemanager', mfa: true, nav: READER_NAV, names: READER_NAMES,
    absent: [...ADMIN_AREA, '/audit'],
    forbidden: ['/admin/users', '/audit'],
  },
};

/** Assert the main navigation has the role's links (and names) and the header none of its absent ones. */
async function assertNav(page, role, where = '') {
  const hrefs = await navHrefs(page);
  assert.deepEqual(hrefs.filter((h) => role.nav.includes(h)), role.nav, `${role.login}'s navigation ${where}: ${hrefs}`);
  for (const [i, href] of role.nav.entries()) {
    const link = page.locator(`nav.main-nav a[href="${href}"]`);
    assert.equal(cleanText(await link.innerText()), role.names[i], `name of ${href}`);
    assert.ok(await link.isVisible(), `${href} is not visible ${where}`);
  }
  for (const href of role.absent) {
    assert.equal(await page.locator(`header a[href="${href}"]`).count(), 0, `${role.login} sees a link to ${href} ${where}`);
  }
}

const DENIED_RU = 'Доступ запрещён';
const WRONG_PASSWORD = { ru: 'Неверный логин или пароль', en: 'The login or the password is wrong' };

/** Assert the header shows a signed-in user (name linking to /account and a sign-out button). */
async function assertSignedIn(page, what = '') {
  const account = page.locator('header a.account');
  assert.equal(await account.getAttribute('href'), '/account', `not signed in ${what} at ${page.url()}`);
  assert.ok(cleanText(await account.innerText()).length > 0, 'the account link shows no name');
  assert.ok(await page.locator('header form[action="/logout"] button').isVisible(), 'no visible sign-out button');
}

/** Assert the header shows the anonymous "sign in" link and no navigation. */
async function assertSignedOut(page, what = '') {
  assert.equal(await page.locator('header a.account').getAttribute('href'), '/login', `still signed in ${what} at ${page.url()}`);
  assert.equal(await page.locator('header form[action="/logout"]').count(), 0, 'a sign-out button is still shown');
  assert.deepEqual(await navHrefs(page), [], 'an anonymous visitor sees the staff navigation');
}

/** Assert the page is the login form, reached by redirection from `next`. */
async function assertLoginForm(page, next) {
  assert.equal(pathOf(page), '/login', `expected the login form, got ${page.url()}`);
  assert.equal(paramOf(page, 'next'), next);
  assert.ok(await page.locator('#login').isVisible(), 'no visible login field');
  assert.ok(await page.locator('#password').isVisible(), 'no visible password field');
}

/**
 * Console errors other than Chromium's "Failed to load resource" line for the
 * expected error answers, given as `[status, url]` pairs (each one expected
 * once per pair).
 */
function unexpectedConsoleErrors(seen, expected) {
  const left = [...expected];
  return seen.consoleErrors.filter((e) => {
    const m = /^Failed to load resource: the server responded with a status of (\d+) .* @ (\S+)$/.exec(e);
    const i = m ? left.findIndex(([status, url]) => Number(m[1]) === status && m[2] === url) : -1;
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

async function sessionCookie(ctx) {
  return (await ctx.cookies()).find((c) => c.name === SESSION_COOKIE);
}

/** Press Tab until the focused element matches `selector`; returns the number of presses. */
async function tabUntil(page, selector, max = 25) {
  for (let i = 0; i <= max; i++) {
    if (await page.evaluate((sel) => !!document.activeElement && document.activeElement.matches(sel), selector)) {
      return i;
    }
    await page.keyboard.press('Tab');
  }
  const active = await page.evaluate(() => document.activeElement && document.activeElement.outerHTML.slice(0, 120));
  throw new Error(`${max} presses of Tab did not reach ${selector}; focus is on ${active}`);
}

// The two suites below have their own server and browser and run side by
// side, so the idle test's waiting (~12 s) overlaps the TOTP step wait of the
// admin test; inside each suite the tests run one after the other.
describe('identity', { concurrency: 2 }, () => {
  describe('identity and access in the browser', { concurrency: 1 }, () => {
    const mayak = useMayak();

    describe('staff pages need a sign-in', () => {
      it('an anonymous visitor is sent from each staff page to the login form, and back after signing in', T, async () => {
        const page = await mayak.newPage();
        for (const p of ['/partners', '/partners/groups', '/reference', '/reference/country', '/account', '/admin/users']) {
          const res = await page.goto(p);
          assert.equal(res.status(), 200, `${p}: the login form answered ${res.status()}`);
          await assertLoginForm(page, p);
          const first = res.request().redirectedFrom();
          assert.equal(first?.url(), mayak.url(p), `${p} was not redirected`);
          assert.equal((await first.response()).status(), 303);
        }
        // The form carries next: signing in leads back to the page asked for.
        await page.goto('/reference/country');
        await assertLoginForm(page, '/reference/country');
        const res = await signIn(page, 'analyst');
        assert.equal(res.status(), 200);
        assert.equal(pathOf(page), '/reference/country', 'after signing in the analyst is not back on the page asked for');
        await assertSignedIn(page);
      });
    });

    describe('password and TOTP', () => {
      it('admin: enrols with the key from the page, signs out, signs in with a fresh TOTP code, then with a recovery code that works once', T_TOTP, async () => {
        const ctx = await mayak.newContext();
        const page = await ctx.newPage();
        const seen = watchPage(page);

        // English, chosen on the home page; /account sends to the login form.
        await page.goto('/?lang=en');
        await page.goto('/account');
        await assertLoginForm(page, '/account');
        assert.equal(await htmlLang(page), 'en');

        let enrolKeyText = null;
        const { key, recoveryCodes, step, response } = await enrolAndSignIn(page, 'admin', {
          async onEnrolPage(p) {
            assert.equal(pathOf(p), '/login/enrol');
            assert.equal(await htmlLang(p), 'en');
            assert.ok(await p.locator('main svg').first().isVisible(), 'no visible QR code (inline svg)');
            enrolKeyText = cleanText(await p.locator('#totp-secret').innerText());
            assert.ok(await p.locator('#code').isVisible(), 'no visible code field');
            assert.equal(await p.locator('header a.account').getAttribute('href'), '/login',
              'half-way through the sign-in, the header must not show the user as signed in');
            await screenshot(p, 'enrol-en');
          },
          async onRecoveryCodes(p) {
            assert.ok(await p.locator('#recovery-codes').isVisible(), 'recovery codes not visible');
            await screenshot(p, 'recovery-codes');
          },
        });
        // The key was shown in groups of 4 and is a base32 key an app accepts.
        assert.match(enrolKeyText, /^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/, `key as shown: ${enrolKeyText}`);
        assert.equal(key, enrolKeyText.replace(/ /g, ''));
        assert.ok(key.length >= 16, `key too short: ${key}`);
        // Ten distinct recovery codes.
        assert.equal(recoveryCodes.length, 10, `recovery codes: ${recoveryCodes}`);
        assert.equal(new Set(recoveryCodes).size, 10, 'recovery codes repeat');
        for (const c of recoveryCodes) assert.match(c, /^[a-z0-9]{5}-[a-z0-9]{5}$/, `recovery code ${c}`);

        // "Continue" lands on /account, signed in, with the admin navigation.
        assert.equal(response.status(), 200);
        assert.equal(pathOf(page), '/account');
        await assertSignedIn(page, 'after enrolment');
        const adminNav = await navHrefs(page);
        assert.deepEqual(adminNav.filter((h) => ADMIN_NAV.includes(h)), ADMIN_NAV, `admin navigation: ${adminNav}`);
        assert.deepEqual(adminNav.filter((h) => !ADMIN_NAV.includes(h) && !h.startsWith('/admin/')), [],
          `admin navigation has links outside the admin area: ${adminNav}`);
        assert.ok(!adminNav.includes('/audit'), 'admin sees the audit trail link (auditor only)');
        for (const href of ADMIN_NAV) {
          assert.ok(await page.locator(`nav.main-nav a[href="${href}"]`).isVisible(), `nav link ${href} not visible`);
        }
        assert.match(cleanText(await page.locator('main dl.facts').innerText()), /\b10 recovery codes left\b/);
        await screenshot(page, 'account');

        // Chromium keeps the Secure __Host- session cookie on http://127.0.0.1.
        const cookie = await sessionCookie(ctx);
        assert.ok(cookie, `no ${SESSION_COOKIE} cookie in the browser`);
        assert.equal(cookie.secure, true);
        assert.equal(cookie.httpOnly, true);
        assert.equal(cookie.sameSite, 'Lax');
        assert.equal(cookie.path, '/');
        assert.equal(cookie.domain, '127.0.0.1', 'a __Host- cookie has no Domain attribute');

        let res = await page.goto('/admin/users');
        assert.equal(res.status(), 200);
        assert.equal(pathOf(page), '/admin/users');
        assert.ok(await page.locator('table.data').getByRole('link', { name: 'admin', exact: true }).isVisible(), 'admin not listed');
        await screenshot(page, 'admin-users');

        // Sign out: back on the home page, anonymous, the session cookie gone.
        res = await signOut(page);
        assert.equal(res.status(), 200);
        assert.equal(pathOf(page), '/');
        await assertSignedOut(page, 'after signing out');
        assert.equal(await sessionCookie(ctx), undefined, 'the session cookie is still in the browser');
        await page.goto('/admin/users');
        await assertLoginForm(page, '/admin/users');

        // Second sign-in: the password, then /login/second-factor.
        await signIn(page, 'admin');
        assert.equal(pathOf(page), '/login/second-factor');
        assert.ok(await page.locator('#code').isVisible(), 'no visible code field');
        // Half-way (password only) is not signed in: a staff page sends back
        // to a sign-in step, not to the page.
        const half = await mayak.newPage({ storageState: await ctx.storageState() });
        await half.goto('/admin/users');
        assert.ok(['/login', '/login/second-factor'].includes(pathOf(half)), `password only opened ${half.url()}`);
        assert.equal(await half.locator('header a.account').getAttribute('href'), '/login');
        await half.close();
        // The code used for the enrolment is refused (replay).
        res = await submitCode(page, totp(key, step * 30_000));
        assert.equal(res.status(), 401, 'a replayed TOTP code was not refused');
        assert.equal(pathOf(page), '/login/second-factor');
        assert.ok(await page.locator('#code-error').isVisible(), 'no error shown for a replayed code');
        // A fresh code (the next 30 s step) signs in and leads on to next.
        const fresh = await freshTotp(key, step);
        res = await submitCode(page, fresh.code);
        assert.equal(res.status(), 200);
        assert.equal(pathOf(page), '/admin/users');
        await assertSignedIn(page, 'with a fresh TOTP code');

        // Third sign-in with a recovery code instead of the TOTP code.
        await signOut(page);
        await signIn(page, 'admin', undefined, { next: '/account' });
        assert.equal(pathOf(page), '/login/second-factor');
        res = await submitCode(page, recoveryCodes[0]);
        assert.equal(res.status(), 200);
        assert.equal(pathOf(page), '/account');
        await assertSignedIn(page, 'with a recovery code');
        assert.match(cleanText(await page.locator('main dl.facts').innerText()), /\b9 recovery codes left\b/);

        // The same recovery code is refused the next time.
        await signOut(page);
        await signIn(page, 'admin', undefined, { next: '/account' });
        assert.equal(pathOf(page), '/login/second-factor');
        res = await submitCode(page, recoveryCodes[0]);
        assert.equal(res.status(), 401, 'a used recovery code was not refused');
        assert.equal(pathOf(page), '/login/second-factor');
        assert.ok(await page.locator('#code-error').isVisible(), 'no error shown for a used recovery code');
        await page.goto('/account');
        assert.ok(['/login', '/login/second-factor'].includes(pathOf(page)), `a refused code opened ${page.url()}`);
        assert.equal(await page.locator('header a.account').getAttribute('href'), '/login');

        // Chromium logs the two refused codes (401 documents) as "Failed to load resource".
        const refused = mayak.url('/login/second-factor');
        assert.deepEqual(unexpectedConsoleErrors(seen, [[401, refused], [401, refused]]), [], 'console errors');
        assert.deepEqual(seen.pageErrors, [], 'uncaught page errors');
        assert.deepEqual(seen.foreignRequests, [], 'requests to hosts other than 127.0.0.1');
      });
    });

    describe('half-way through the first sign-in', () => {
      // Regression test: enforce() once sent a user who had not enrolled yet to the
      // second-factor page, where no code could ever be right.
      it('a user who has not enrolled yet and opens a staff page is sent back to the enrolment (hotline)', T, async () => {
        const page = await mayak.newPage();
        await signIn(page, 'hotline', undefined, { next: '/partners' });
        assert.equal(pathOf(page), '/login/enrol', `after the password: ${page.url()}`);
        await page.goto('/partners');
        assert.equal(pathOf(page), '/login/enrol', `opening /partners before enrolling led to ${page.url()}`);
        assert.ok(await page.locator('#totp-secret').isVisible(), 'no key to enrol');
      });
    });

    describe('each role sees the screens of its role only', () => {
      for (const role of Object.values(ROLES)) {
        it(`${role.login}${role.mfa ? ' (with TOTP)' : ''}: navigation ${role.nav.join(' ')}; ${role.forbidden.join(' ')} answer 403`, T, async () => {
          const page = await mayak.newPage();
          const seen = watchPage(page);
          if (role.mfa) {
            const { recoveryCodes } = await enrolAndSignIn(page, role.login);
            assert.equal(recoveryCodes.length, 10);
          } else {
            await signIn(page, role.login);
          }
          assert.equal(pathOf(page), '/', `${role.login} did not land on the home page`);
          await assertSignedIn(page);

          // The navigation: the role's links, in Russian, and none of the others.
          await assertNav(page, role);

          // Every link of the navigation opens.
          for (const href of role.nav) {
            const res = await clickAndWait(page, page.locator(`nav.main-nav a[href="${href}"]`));
            assert.equal(res.status(), 200, `${href} answered ${res.status()}`);
            assert.equal(pathOf(page), href);
            assert.equal(await page.locator(`nav.main-nav a[href="${href}"]`).getAttribute('aria-current'), 'page');
            assert.ok(await page.locator('main h1').isVisible(), `${href} shows no heading`);
          }

          // Forbidden pages: the HTML 403 page; the session goes on.
          for (const href of role.forbidden) {
            const res = await page.goto(href);
            assert.equal(res.status(), 403, `${role.login} → ${href} answered ${res.status()}`);
            assert.match(res.headers()['content-type'] || '', /text\/html/);
            assert.equal(pathOf(page), href);
            assert.equal(await htmlLang(page), 'ru');
            assert.equal(cleanText(await page.locator('main h1').innerText()), DENIED_RU);
            assert.ok((await page.title()).startsWith(DENIED_RU), `document title: ${await page.title()}`);
            assert.ok(await page.locator('main a[href="/"]').isVisible(), 'no link back to the home page');
            if (role.login === 'analyst' && href === '/admin/users') await screenshot(page, 'forbidden-403');
          }
          await page.goto('/');
          await assertSignedIn(page, 'after the 403 pages');
          await assertNav(page, role, 'after the 403 pages');
          // Chromium logs every 4xx document as "Failed to load resource"; only those of the 403s are expected.
          const expected = role.forbidden.map((h) => [403, mayak.url(h)]);
          assert.deepEqual(unexpectedConsoleErrors(seen, expected), [], 'console errors');
          assert.deepEqual(seen.pageErrors, [], 'uncaught page errors');
          assert.deepEqual(seen.foreignRequests, [], 'requests to hosts other than 127.0.0.1');
        });
      }
    });

    describe('error pages of a signed-in user', () => {
      // Error pages are rendered late (by the language middleware); they must
      // still show the signed-in header: the name, "Выйти" and the role's
      // navigation. (Mayak showed the anonymous header there until commit
      // 1fb3de0.)
      it('the 403 and 404 pages keep the name, the sign-out button and the role\'s navigation', T, async () => {
        const page = await mayak.newPage();
        await signIn(page, 'analyst');
        await assertSignedIn(page);
        for (const [href, status] of [['/admin/users', 403], ['/no-such-page/e2e', 404]]) {
          const res = await page.goto(href);
          assert.equal(res.status(), status);
          await assertSignedIn(page, `on the ${status} page ${href}`);
          await assertNav(page, ROLES.analyst, `on the ${status} page ${href}`);
        }
      });
    });

    describe('keyboard only', () => {
      it('analyst signs in from the home page\'s "Войти" link with Tab, typing and Enter, and signs out', T, async () => {
        const page = await mayak.newPage();
        await page.goto('/');
        await assertSignedOut(page);

        await tabUntil(page, 'header a.account[href="/login"]');
        assert.equal(cleanText(await page.evaluate(() => document.activeElement.textContent)), 'Войти');
        await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
        assert.equal(pathOf(page), '/login');

        // The login field has autofocus: typing goes there at once.
        await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'login', null, { timeout: 3000 })
          .catch(() => {});
        assert.equal(await page.evaluate(() => document.activeElement.id), 'login', 'the login field is not focused on arrival');
        await page.keyboard.type('analyst');
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement.id), 'password', 'Tab from the login field does not reach the password');
        await page.keyboard.type(DEMO_PASSWORD);
        const [res] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
        assert.equal(res.status(), 200);
        assert.equal(pathOf(page), '/');
        await assertSignedIn(page, 'after the keyboard sign-in');
        assert.equal(cleanText(await page.locator('header a.account').innerText()), 'Дмитрий Счётов (демо)');

        await tabUntil(page, 'header form[action="/logout"] button');
        await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
        await assertSignedOut(page, 'after the keyboard sign-out');
      });
    });

    describe('wrong password', () => {
      for (const [lang, login] of [['ru', 'editor'], ['en', 'mdg']]) {
        it(`shows the ${lang} error with status 401, not a 5xx (${login})`, T, async () => {
          const ctx = await mayak.newContext();
          const page = await ctx.newPage();
          const res0 = await page.goto(lang === 'ru' ? '/login' : '/login?lang=en');
          assert.equal(res0.status(), 200);
          assert.equal(await htmlLang(page), lang);
          if (lang === 'ru') {
            assert.equal(await page.getByLabel('Логин', { exact: true }).getAttribute('id'), 'login');
            await screenshot(page, 'login-ru');
          } else {
            assert.equal(await page.getByLabel('Login', { exact: true }).getAttribute('id'), 'login');
          }

          const res = await signIn(page, login, 'not-the-password-1234');
          assert.ok(res.status() < 500, `status ${res.status()}`);
          assert.equal(res.status(), 401);
          assert.equal(pathOf(page), '/login');
          assert.equal(await htmlLang(page), lang);
          const error = page.locator('#login-error');
          assert.ok(await error.isVisible(), 'no visible #login-error');
          assert.equal(await error.getAttribute('role'), 'alert');
          assert.ok(cleanText(await error.innerText()).startsWith(WRONG_PASSWORD[lang]), `error text: ${await error.innerText()}`);
          assert.equal(await page.locator('#login').inputValue(), login, 'the login was not kept');
          assert.equal(await page.locator('#password').inputValue(), '', 'the password was sent back');
          assert.equal(await page.locator('#login').getAttribute('aria-describedby'), 'login-error');
          assert.equal(await sessionCookie(ctx), undefined, 'a session cookie after a wrong password');
        });
      }
    });
  });

  describe('sessions end after the idle time (--session-idle 4s)', { concurrency: 1 }, () => {
    const mayak = useMayak({ serverArgs: ['--session-idle', '4s'] });

    it('analyst: requests keep the session; after 6 s without any, /partners leads to the login form', T, async () => {
      const page = await mayak.newPage();
      await signIn(page, 'analyst', undefined, { next: '/partners' });
      assert.equal(pathOf(page), '/partners');
      await assertSignedIn(page);

      // Requests less than 4 s apart keep it alive beyond 4 s in total.
      for (const p of ['/partners/groups', '/reference']) {
        await sleep(2200);
        const res = await page.goto(p);
        assert.equal(res.status(), 200);
        assert.equal(pathOf(page), p, `signed out while active, ${p}`);
      }

      await sleep(6000);
      await page.goto('/partners');
      await assertLoginForm(page, '/partners');
      await assertSignedOut(page, 'after the idle time');

      // Signing in again leads back to the page asked for.
      await signIn(page, 'analyst');
      assert.equal(pathOf(page), '/partners');
      await assertSignedIn(page);
    });
  });
});
