import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

import { chromium, type Browser, type Page } from 'playwright-core';

import { requirePrerequisite } from '../../../packages/db/src/testing/prerequisites.js';

/** Debian's chromium (`apt-get install chromium`); browser downloads are not possible here. */
export const chromiumPath = '/usr/bin/chromium';

/** Skips with a warning where chromium is missing, and fails under CI=true (see .ci/run). */
export const chromiumAvailable = requirePrerequisite(existsSync(chromiumPath), {
  what: 'chromium',
  neededBy: 'the console browser tests',
  fix: 'apt-get install -y chromium, or run .ci/run',
});

/**
 * One headless chromium for a test file, with a fresh profile and everything that would
 * reach out to the network in the background turned off (the network here is closed).
 */
export const launchChromium = async (): Promise<{ browser: Browser; close: () => Promise<void> }> => {
  // launch() itself gives chromium a fresh --user-data-dir in a temporary directory (and
  // refuses one in args); it removes it on close.
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
};

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/**
 * Runs axe-core in the page (through the DevTools protocol, so the console's CSP still
 * applies to the page itself) and returns the serious and critical violations.
 */
export const seriousAxeViolations = async (page: Page): Promise<AxeViolation[]> => {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context?: unknown) => Promise<{ violations: AxeViolation[] }> } })
      .axe;
    return (await axe.run(document)).violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map(({ target }) => ({ target })) }));
};
