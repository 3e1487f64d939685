// Test harness for Mayak's browser tests.
//
// It starts the real mayak binary with fictional demo data in a fresh temp
// directory on a free loopback port, launches Debian's Chromium through
// playwright-core, and stops everything afterwards. Nothing is skipped: a
// missing binary or browser makes the tests FAIL with a clear message.
//
// Usage inside a test file:
//
//   import { describe, it } from 'node:test';
//   import { useMayak } from '../harness.js';
//   describe('home', () => {
//     const mayak = useMayak();          // registers before/after hooks
//     it('works', async () => {
//       const page = await mayak.newPage();
//       await page.goto(mayak.url('/?lang=en'));
//     });
//   });

import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after, it } from 'node:test';
import { assertExecutable, launchChromium } from './chromium.js';

export { CHROMIUM_ARGS, CHROMIUM_PATH, launchChromium } from './chromium.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Password every demo user gets (passed to the server as MAYAK_DEMO_PASSWORD). */
export const DEMO_PASSWORD = 'e2e-demo-password-Mayak1';

/**
 * Absolute path of the mayak binary: $MAYAK_BIN (a relative value is taken
 * from the current directory; run.sh makes it absolute before it changes
 * into e2e/) or, by default, ../target/debug/mayak next to this folder.
 */
export const MAYAK_BIN = process.env.MAYAK_BIN
  ? path.resolve(process.env.MAYAK_BIN)
  : path.resolve(HERE, '../target/debug/mayak');

const HEALTH_TIMEOUT_MS = 60_000;
const ACTION_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 10_000;

/** Ask the OS for a free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Start `mayak serve --demo` on a free port with a fresh data directory and
 * wait until GET /healthz answers 200. `args` are appended to the command
 * line, e.g. `['--session-idle', '4s']`. Returns a handle with `baseURL`,
 * `stop()`, and the collected `stdout()` / `stderr()`.
 */
export async function startServer({ args = [] } = {}) {
  assertExecutable(
    MAYAK_BIN,
    'The mayak binary',
    'Build it with `cargo build -p mayak` in the repository root, or set MAYAK_BIN.',
  );
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'mayak-e2e-'));
  const dataDir = path.join(tmp, 'data');
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;

  let out = '';
  let err = '';
  const child = spawn(
    MAYAK_BIN,
    ['serve', '--demo', '--data-dir', dataDir, '--listen', `127.0.0.1:${port}`, ...args],
    {
      cwd: tmp,
      env: { ...process.env, MAYAK_DEMO_PASSWORD: DEMO_PASSWORD, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout.setEncoding('utf8').on('data', (d) => { out += d; });
  child.stderr.setEncoding('utf8').on('data', (d) => { err += d; });

  let exited = null;
  let spawnError = null;
  const exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => { exited = { code, signal }; resolve(exited); });
    child.on('error', (e) => { spawnError = e; exited = exited || { code: null, signal: null }; resolve(exited); });
  });

  const removeTmp = () => rmSync(tmp, { recursive: true, force: true });
  const tail = (s) => (s.length > 4000 ? '…' + s.slice(-4000) : s) || '(empty)';

  const handle = {
    baseURL,
    port,
    dataDir,
    pid: child.pid,
    stdout: () => out,
    stderr: () => err,
    /** Send SIGTERM, wait for the exit (SIGKILL after 10 s), remove the temp dir. */
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        // The timer is cleared: a pending 10 s timeout would keep the test
        // process alive (about 10 s per test file) after the server exited.
        let timeoutId;
        const timer = new Promise((r) => { timeoutId = setTimeout(() => r('timeout'), STOP_TIMEOUT_MS); });
        const outcome = await Promise.race([exitPromise, timer]);
        clearTimeout(timeoutId);
        if (outcome === 'timeout') {
          child.kill('SIGKILL');
          await exitPromise;
          removeTmp();
          throw new Error(`mayak did not stop within ${STOP_TIMEOUT_MS} ms of SIGTERM; killed it.\nstderr:\n${tail(err)}`);
        }
      }
      removeTmp();
      return exited;
    },
  };

  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  for (;;) {
    if (exited) {
      removeTmp();
      const why = spawnError ? `could not start: ${spawnError.message}` : `exited early (code ${exited.code}, signal ${exited.signal})`;
      throw new Error(`mayak ${why}.\nstdout:\n${tail(out)}\nstderr:\n${tail(err)}`);
    }
    try {
      const res = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(2000) });
      const body = await res.text();
      if (res.status === 200 && body.trim() === 'ok') break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await handle.stop().catch(() => {});
      throw new Error(`mayak did not answer 200 on ${baseURL}/healthz within ${HEALTH_TIMEOUT_MS / 1000} s.\nstdout:\n${tail(out)}\nstderr:\n${tail(err)}`);
    }
    await sleep(100);
  }
  return handle;
}

/**
 * Create a user with the CLI, as an administrator would:
 * `mayak admin create-user --login … --name … --org … --role … --data-dir DIR`
 * with the password on standard input. `org` is the organisation's short
 * identifier (`mayak admin list-organisations`, e.g. `police-BY-HM`); `roles`
 * a role or a list of roles (`case_manager`, …). The password must have 12+
 * characters and not be a common one. Resolves with the CLI's output; rejects
 * with its output when it fails.
 */
export function createUser(dataDir, { login, name, org, roles, password }) {
  const args = ['admin', 'create-user', '--login', login, '--name', name, '--org', org, '--data-dir', dataDir];
  for (const role of [].concat(roles)) args.push('--role', role);
  return new Promise((resolve, reject) => {
    const child = spawn(MAYAK_BIN, args, {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d) => { out += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { out += d; });
    child.on('error', reject);
    // 'close', not 'exit': the output is complete only when the pipes close.
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`mayak admin create-user --login ${login} failed (exit ${code}):\n${out}`));
    });
    child.stdin.end(`${password}\n`);
  });
}

/**
 * Register `before`/`after` hooks (call inside a `describe`) that start one
 * server and one browser for the suite, plus a first test that fails with
 * the reason if they could not start (a missing binary or browser is a
 * failure, never a skip). Returns an object whose fields are filled in by
 * the `before` hook:
 *
 *   server, browser, baseURL, url(path), newContext(opts), newPage(opts)
 *
 * Every context created through it gets locale ru-RU unless told otherwise,
 * so the default language the server sees is Russian, as for a Belarusian
 * visitor, and a default timeout of 10 s for Playwright actions (so a missing
 * element fails with its own message, not with the 30 s test timeout).
 * Contexts are closed in `after`, then the browser, then the server.
 *
 * Options: `serverArgs` — extra `mayak serve` arguments for this suite's
 * server, e.g. `useMayak({ serverArgs: ['--session-idle', '4s'] })`.
 */
export function useMayak({ serverArgs = [] } = {}) {
  const contexts = [];
  let setupError = null;
  const notStarted = () =>
    new Error(`the Mayak test harness did not start: ${setupError ? setupError.message : 'before hook has not run'}`);
  const env = {
    server: null,
    browser: null,
    baseURL: null,
    url(p = '/') {
      return new URL(p, env.baseURL).href;
    },
    async newContext(opts = {}) {
      if (!env.browser) throw notStarted();
      const ctx = await env.browser.newContext({ locale: 'ru-RU', baseURL: env.baseURL, ...opts });
      ctx.setDefaultTimeout(ACTION_TIMEOUT_MS);
      contexts.push(ctx);
      return ctx;
    },
    async newPage(opts = {}) {
      const ctx = await env.newContext(opts);
      return ctx.newPage();
    },
    /**
     * Create a user on this suite's server with `mayak admin create-user`
     * (see `createUser`); the server keeps running and sees the user at once.
     */
    async createUser(user) {
      if (!env.server) throw notStarted();
      return createUser(env.server.dataDir, user);
    },
  };

  before(async () => {
    try {
      env.server = await startServer({ args: serverArgs });
      env.baseURL = env.server.baseURL;
      env.browser = await launchChromium();
    } catch (e) {
      setupError = e;
      if (env.server) await env.server.stop().catch(() => {});
      env.server = null;
      env.browser = null;
    }
  }, { timeout: HEALTH_TIMEOUT_MS + 60_000 });

  it('harness: the mayak server and Chromium are running', () => {
    if (setupError) throw setupError;
    if (!env.server || !env.browser) throw notStarted();
  });

  after(async () => {
    const errors = [];
    for (const ctx of contexts.splice(0)) {
      await ctx.close().catch((e) => errors.push(e));
    }
    if (env.browser) {
      await env.browser.close().catch((e) => errors.push(e));
      env.browser = null;
    }
    if (env.server) {
      await env.server.stop().catch((e) => errors.push(e));
      env.server = null;
    }
    if (errors.length) throw errors[0];
  }, { timeout: 60_000 });

  return env;
}

/**
 * Watch a page for console errors, uncaught page errors, failed requests and
 * requests to any host other than 127.0.0.1. Call before navigating; read
 * the arrays after.
 */
export function watchPage(page) {
  const seen = { consoleErrors: [], pageErrors: [], failedRequests: [], foreignRequests: [], requests: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') seen.consoleErrors.push(`${msg.text()} @ ${msg.location().url || '?'}`);
  });
  page.on('pageerror', (e) => seen.pageErrors.push(String(e)));
  page.on('requestfailed', (req) => seen.failedRequests.push(`${req.url()}: ${req.failure()?.errorText}`));
  page.on('request', (req) => {
    const url = req.url();
    seen.requests.push(url);
    let host = null;
    try {
      const u = new URL(url);
      if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return;
      host = u.hostname;
    } catch {
      // unparsable: report it
    }
    if (host !== '127.0.0.1') seen.foreignRequests.push(url);
  });
  return seen;
}

// ---------------------------------------------------------------------------
// Signing in
// ---------------------------------------------------------------------------

/** Name of the session cookie Mayak sets by default (Secure, HttpOnly, SameSite=Lax). */
export const SESSION_COOKIE = '__Host-mayak_session';

/** TOTP parameters Mayak uses (RFC 6238 defaults): SHA-1, 6 digits, 30 s steps. */
export const TOTP_STEP_SECONDS = 30;
const TOTP_DIGITS = 6;
const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Decode RFC 4648 base32 as an authenticator app reads a typed key: spaces,
 * dashes and `=` padding are ignored, letters may be lower case.
 */
export function base32Decode(text) {
  const clean = String(text).replace(/[\s=-]/g, '').toUpperCase();
  if (!clean) throw new Error('empty base32 key');
  const out = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of clean) {
    const v = BASE32_ALPHABET.indexOf(ch);
    if (v < 0) throw new Error(`not a base32 character: ${JSON.stringify(ch)} in ${JSON.stringify(text)}`);
    buffer = ((buffer << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
  }
  return Buffer.from(out);
}

/** The TOTP time step (counter) at `timeMs`. */
export function totpStep(timeMs = Date.now()) {
  return Math.floor(timeMs / 1000 / TOTP_STEP_SECONDS);
}

/** The HOTP value (RFC 4226) of `key` (bytes) for `counter`, as a 6-digit string. */
export function hotp(key, counter) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(msg).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** TOTP_DIGITS).padStart(TOTP_DIGITS, '0');
}

/**
 * The TOTP code (RFC 6238: HMAC-SHA1, 6 digits, 30 s) an authenticator app
 * shows for the base32 key at `timeMs` (default: now).
 */
export function totp(base32Key, timeMs = Date.now()) {
  return hotp(base32Decode(base32Key), totpStep(timeMs));
}

/**
 * A code the server has not seen yet: Mayak refuses a code whose time step is
 * not later than the last one used by the account, so this waits (up to one
 * step, 30 s) until the current step is after `usedStep`, then returns
 * `{ code, step }`.
 */
export async function freshTotp(base32Key, usedStep) {
  for (;;) {
    const now = Date.now();
    const step = totpStep(now);
    if (usedStep === undefined || usedStep === null || step > usedStep) {
      return { code: totp(base32Key, now), step };
    }
    // Sleep until just after the next step starts.
    await sleep((step + 1) * TOTP_STEP_SECONDS * 1000 - now + 50);
  }
}

/**
 * Click `locator` (a submit button or a link) and wait for the navigation it
 * starts; returns the main response of the page it ends on (after redirects).
 */
export async function clickAndWait(page, locator) {
  const [response] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    locator.click(),
  ]);
  return response;
}

/** Short description of where a page is, for error messages. */
async function whereIs(page) {
  const alert = page.locator('[role="alert"]');
  const text = (await alert.count()) ? ` (alert: ${(await alert.first().innerText()).trim()})` : '';
  return `${page.url()}${text}`;
}

/**
 * Sign in with the password form. Opens `/login` (with `?next=` when given)
 * unless the page already shows the login form, fills `#login` and
 * `#password`, submits, and returns the response of the page it lands on.
 * It does not judge the result: after a right password a password-only role
 * lands on `next` (default `/`), a role that needs a second factor on
 * `/login/enrol` or `/login/second-factor`; a wrong one stays on the form
 * with status 401.
 */
export async function signIn(page, login, password = DEMO_PASSWORD, { next } = {}) {
  let onForm = false;
  try {
    onForm = new URL(page.url()).pathname === '/login' && !next;
  } catch {
    // about:blank
  }
  if (!onForm) {
    await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
  }
  const form = page.locator('form[action="/login"]');
  await form.locator('#login').fill(login);
  await form.locator('#password').fill(password);
  return clickAndWait(page, form.locator('button[type="submit"]'));
}

/**
 * Type a code into the second-factor or enrolment form the page shows and
 * submit it; returns the response of the page it lands on.
 */
export async function submitCode(page, code) {
  const form = page.locator('form[action="/login/second-factor"], form[action="/login/enrol"]');
  await form.locator('#code').fill(code);
  return clickAndWait(page, form.locator('button[type="submit"]'));
}

/** Sign out with the header's sign-out button; returns the response of the page it lands on. */
export async function signOut(page) {
  return clickAndWait(page, page.locator('form[action="/logout"] button[type="submit"]'));
}

/**
 * First sign-in of a role that must enrol a second factor: password, then the
 * enrolment page (key read from `#totp-secret`, code computed like an
 * authenticator app), then the recovery codes, then the "continue" link.
 * Returns `{ key, recoveryCodes, step, response }`: the base32 key without
 * spaces, the 10 recovery codes, the TOTP step used (pass it to `freshTotp`
 * for the next code) and the response of the page it lands on (`next`).
 *
 * Options: `password`, `next`, and hooks `onEnrolPage(page)` and
 * `onRecoveryCodes(page)` called while those pages are shown (to assert or
 * take screenshots).
 */
export async function enrolAndSignIn(page, login, { password = DEMO_PASSWORD, next, onEnrolPage, onRecoveryCodes } = {}) {
  await signIn(page, login, password, { next });
  if (new URL(page.url()).pathname !== '/login/enrol') {
    throw new Error(`${login}: expected the enrolment page after the password, got ${await whereIs(page)}`);
  }
  const key = (await page.locator('#totp-secret').innerText()).replace(/\s+/g, '');
  if (onEnrolPage) await onEnrolPage(page);
  const { code, step } = await freshTotp(key);
  await submitCode(page, code);
  const list = page.locator('#recovery-codes');
  if (!(await list.count())) {
    throw new Error(`${login}: expected the recovery codes after the enrolment code, got ${await whereIs(page)}`);
  }
  const recoveryCodes = (await list.locator('li').allInnerTexts()).map((s) => s.trim());
  if (onRecoveryCodes) await onRecoveryCodes(page);
  const response = await clickAndWait(page, page.locator('main a.button'));
  return { key, recoveryCodes, step, response };
}

/**
 * Save a full-page screenshot as `$E2E_SHOTS/<name>.png` when E2E_SHOTS is
 * set (run.sh does not set it); returns the path, or null when not taken.
 */
export async function screenshot(page, name) {
  const dir = process.env.E2E_SHOTS;
  if (!dir) return null;
  mkdirSync(dir, { recursive: true });
  const file = path.join(path.resolve(dir), `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
