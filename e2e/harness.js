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
import { mkdtempSync, rmSync } from 'node:fs';
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
 * wait until GET /healthz answers 200. Returns a handle with `baseURL`,
 * `stop()`, and the collected `stdout()` / `stderr()`.
 */
export async function startServer() {
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
    ['serve', '--demo', '--data-dir', dataDir, '--listen', `127.0.0.1:${port}`],
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
        const timer = sleep(STOP_TIMEOUT_MS).then(() => 'timeout');
        if ((await Promise.race([exitPromise, timer])) === 'timeout') {
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
 * visitor. Contexts are closed in `after`, then the browser, then the server.
 */
export function useMayak() {
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
      contexts.push(ctx);
      return ctx;
    },
    async newPage(opts = {}) {
      const ctx = await env.newContext(opts);
      return ctx.newPage();
    },
  };

  before(async () => {
    try {
      env.server = await startServer();
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
