// Debian's Chromium, launched through playwright-core with the flags this
// machine needs. Shared by harness.js (tests) and screenshot.js (CLI); it
// does not import node:test, so plain scripts can use it.

import { accessSync, constants as fsConstants, existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Absolute path of the Chromium executable: $CHROMIUM or /usr/bin/chromium. */
export const CHROMIUM_PATH = process.env.CHROMIUM || '/usr/bin/chromium';

/**
 * Flags Chromium must get on this machine. Without them it keeps trying to
 * reach Google services over a network that is closed.
 */
export const CHROMIUM_ARGS = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);

/** Throw a clear error if `file` is missing or not executable. */
export function assertExecutable(file, what, hint) {
  if (!existsSync(file)) {
    throw new Error(`${what} not found at ${file}. ${hint}`);
  }
  try {
    accessSync(file, fsConstants.X_OK);
  } catch {
    throw new Error(`${what} at ${file} is not executable. ${hint}`);
  }
}

/** Launch Debian's Chromium with the mandatory flags. */
export async function launchChromium() {
  assertExecutable(
    CHROMIUM_PATH,
    'Chromium',
    'Install it with `apt-get install chromium` or set CHROMIUM to its path.',
  );
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
}
