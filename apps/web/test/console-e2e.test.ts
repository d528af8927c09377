import { randomUUID } from 'node:crypto';
import { copyFile, mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

import { startApiProcess, type ApiProcess } from '@orgsphere/api/testing';
import { verifyWebhook } from '@orgsphere/client/webhooks';
import { MongoClient } from 'mongodb';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { chromiumAvailable, launchChromium, seriousAxeViolations } from './browser.js';
import { startStaticHost } from './static-host.js';
import { startWebhookReceiver } from './webhook-receiver.js';

const distDir = fileURLToPath(new URL('../dist', import.meta.url));
// Every run writes its screenshots to a git-ignored folder; the README's committed copies
// change only when asked (UPDATE_SCREENSHOTS=1), so a test run leaves the tree clean.
const screenshotDir = fileURLToPath(new URL('../test-results/screenshots', import.meta.url));
const committedScreenshotDir = fileURLToPath(new URL('../docs/screenshots', import.meta.url));
const updateCommittedScreenshots = process.env.UPDATE_SCREENSHOTS === '1';
const viewport = { width: 1280, height: 800 };
const loginAttemptsPerEmail = 3;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

let api: ApiProcess;
let browser: Browser;
let closeBrowser: () => Promise<void>;
let consoleUrl: string;
let staticHost: Awaited<ReturnType<typeof startStaticHost>>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const masterDbName = `web_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
const contexts: BrowserContext[] = [];
const checkedPages = new Set<string>();

const s = Date.now().toString(36);
const alice = { name: 'Alice Owner', email: `alice.${s}@acme.test`, password: 'correct-horse-42', org: `Acme ${s}` };
const bob = { name: 'Bob Builder', email: `bob.${s}@beta.test`, password: 'battery-staple-42', org: `Beta ${s}` };

const openPage = async (): Promise<Page> => {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
};

/** axe on the page as it is now: no serious or critical violation. */
const expectAccessible = async (page: Page, name: string) => {
  expect(await seriousAxeViolations(page), `axe on ${name}`).toEqual([]);
  checkedPages.add(name);
};

const screenshot = async (page: Page, name: string) => {
  await page.screenshot({ path: `${screenshotDir}/${name}.png` });
  if (updateCommittedScreenshots)
    await copyFile(`${screenshotDir}/${name}.png`, `${committedScreenshotDir}/${name}.png`);
};

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

const signUp = async (page: Page, person: typeof alice) => {
  await page.goto(`${consoleUrl}/sign-up`);
  await page.getByLabel('Organization name').fill(person.org);
  await page.getByLabel('Your name').fill(person.name);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Create organization' }).click();
  await heading(page, 'Overview').waitFor();
};

const openNav = async (page: Page, label: string) => {
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: label }).click();
  await heading(page, label).waitFor();
  // Focus moves to the new page's heading after a client-side navigation.
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
};

const memberRow = (page: Page, email: string) => page.getByRole('row').filter({ hasText: email });
/** The text of the Role column (the row's other cells hold a role picker listing every role). */
const roleOf = async (page: Page, email: string) =>
  (await memberRow(page, email).getByRole('cell').nth(2).textContent()) ?? '';

describe.runIf(chromiumAvailable)('the console in chromium, against a real API', () => {
  beforeAll(async () => {
    await mkdir(screenshotDir, { recursive: true });
    const port = await freePort();
    consoleUrl = `http://127.0.0.1:${port}/console`;
    // The same build on a static host of its own origin, talking to the API across origins.
    staticHost = await startStaticHost(distDir, `http://127.0.0.1:${port}`);
    receiver = await startWebhookReceiver();
    api = await startApiProcess({
      MONGO_URI: inject('mongoUri'),
      MASTER_DB_NAME: masterDbName,
      PORT: String(port),
      CONSOLE_DIR: distDir,
      // Accept links open the console's accept page.
      PUBLIC_APP_URL: consoleUrl,
      LOGIN_MAX_ATTEMPTS_PER_EMAIL: String(loginAttemptsPerEmail),
      RATE_LIMIT_MAX: '100000',
      CORS_ORIGINS: staticHost.url,
      // The dispatcher runs in this process; outside production it may post to a loopback receiver.
      WEBHOOK_POLL_INTERVAL_MS: '200',
    });
    ({ browser, close: closeBrowser } = await launchChromium());
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await closeBrowser?.();
    await api?.kill('SIGTERM');
    await staticHost?.close();
    await receiver?.close();
    const client = new MongoClient(inject('mongoUri'));
    await client
      .db(masterDbName)
      .dropDatabase()
      .catch(() => undefined);
    await client.close();
  });

  let alicePage: Page;
  let bobPage: Page;
  let acceptLink: string;

  it('two people sign up; a taken name shows its error beside the field', async () => {
    alicePage = await openPage();
    await signUp(alicePage, alice);
    await expect.poll(() => alicePage.getByText(alice.org).count()).toBeGreaterThan(0);
    await expectAccessible(alicePage, 'overview');
    await screenshot(alicePage, 'overview');

    bobPage = await openPage();
    await bobPage.goto(`${consoleUrl}/sign-up`);
    await expectAccessible(bobPage, 'sign-up');
    await bobPage.getByLabel('Organization name').fill(alice.org);
    await bobPage.getByLabel('Email').fill(bob.email);
    await bobPage.getByLabel('Password').fill(bob.password);
    await bobPage.getByRole('button', { name: 'Create organization' }).click();
    const nameField = bobPage.getByLabel('Organization name');
    await expect.poll(() => nameField.getAttribute('aria-invalid')).toBe('true');
    const fieldError = bobPage.locator('[data-field-error="organization_name"]');
    expect(await fieldError.textContent()).toMatch(/already|taken|exists/i);
    // The error is part of the field's accessible description.
    const describedBy = (await nameField.getAttribute('aria-describedby')) ?? '';
    expect(describedBy).toContain(await fieldError.getAttribute('id'));
    await expectAccessible(bobPage, 'sign-up with a field error');
    await screenshot(bobPage, 'sign-up-field-error');
    await signUp(bobPage, bob);
  });

  it('Alice invites Bob; the link is shown once and opens the console’s accept page', async () => {
    await openNav(alicePage, 'Invitations');
    await expectAccessible(alicePage, 'invitations');
    await alicePage.getByLabel('Email').fill(bob.email);
    await alicePage.getByRole('button', { name: 'Send invitation' }).click();
    const link = alicePage.getByLabel('Value (shown once)');
    await link.waitFor();
    acceptLink = await link.inputValue();
    expect(acceptLink.startsWith(`${consoleUrl}/invitations/accept?token=`)).toBe(true);
    await expect.poll(() => memberRow(alicePage, bob.email).count()).toBe(1);
    expect(await memberRow(alicePage, bob.email).textContent()).toContain('pending');
    await expectAccessible(alicePage, 'invitations with the link');
    await screenshot(alicePage, 'invitations');
  });

  it('Bob accepts through the link and switches between his organizations', async () => {
    await bobPage.goto(acceptLink);
    await heading(bobPage, 'Accept an invitation').waitFor();
    await expect.poll(() => bobPage.getByText(bob.email).count()).toBe(1);
    await expectAccessible(bobPage, 'accept invitation');
    await screenshot(bobPage, 'accept-invitation');
    await bobPage.getByRole('button', { name: 'Accept invitation' }).click();
    await heading(bobPage, 'Overview').waitFor();
    const switcher = bobPage.getByLabel('Organization', { exact: true });
    await expect.poll(() => switcher.inputValue()).toBe(alice.org);

    await switcher.selectOption(bob.org);
    await bobPage.getByRole('button', { name: 'Switch' }).click();
    await expect.poll(() => bobPage.locator('.facts dd').first().textContent()).toBe(bob.org);
    await switcher.selectOption(alice.org);
    await bobPage.getByRole('button', { name: 'Switch' }).click();
    await expect.poll(() => bobPage.locator('.facts dd').first().textContent()).toBe(alice.org);
  });

  it('Alice promotes Bob, renames the organization, and transfers ownership to him', async () => {
    await openNav(alicePage, 'Members');
    const row = memberRow(alicePage, bob.email);
    await row.getByLabel(`Role of ${bob.name}`).selectOption('admin');
    await row.getByRole('button', { name: 'Change role' }).click();
    await expect.poll(() => roleOf(alicePage, bob.email)).toBe('admin');
    await expectAccessible(alicePage, 'members');
    await screenshot(alicePage, 'members');

    const renamed = `${alice.org} Renamed`;
    await openNav(alicePage, 'Settings');
    await expectAccessible(alicePage, 'settings');
    await alicePage.getByLabel('New name').fill(renamed);
    await alicePage.getByRole('button', { name: 'Rename…' }).click();
    const dialog = alicePage.getByRole('dialog', { name: 'Rename the organization?' });
    await dialog.waitFor();
    // Focus is inside the dialog, on its safe choice.
    await expect.poll(() => alicePage.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await expectAccessible(alicePage, 'rename confirmation');
    await screenshot(alicePage, 'rename-confirmation');
    await dialog.getByRole('button', { name: 'Rename' }).click();
    await alicePage.getByText(`Renamed to ${renamed}.`).waitFor();
    alice.org = renamed;

    await openNav(alicePage, 'Members');
    await memberRow(alicePage, bob.email).getByRole('button', { name: 'Transfer ownership' }).click();
    const transfer = alicePage.getByRole('dialog', { name: `Make ${bob.name} the owner?` });
    await transfer.getByRole('button', { name: 'Transfer ownership' }).click();
    await expect.poll(() => roleOf(alicePage, bob.email)).toBe('owner');
    await expect.poll(() => roleOf(alicePage, alice.email)).toBe('admin');
    // Alice is an admin now: the owner-only Settings page leaves her navigation.
    await expect
      .poll(() =>
        alicePage.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Settings' }).count(),
      )
      .toBe(0);
  });

  it('the audit log pages through the entries and filters them', async () => {
    await openNav(alicePage, 'Audit log');
    const table = alicePage.getByRole('table');
    await expect.poll(async () => (await table.textContent()) ?? '').toContain('member.transferOwnership');
    for (const action of ['org.update', 'member.changeRole', 'invitation.accept', 'invitation.create']) {
      expect(await table.textContent()).toContain(action);
    }
    // The filters are the API's: they apply to the whole trail, not to the page shown.
    await alicePage.getByLabel('Action').selectOption('member.changeRole');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    expect(await table.locator('tbody tr').textContent()).toContain(alice.name);
    await expectAccessible(alicePage, 'audit log');
    await screenshot(alicePage, 'audit-log');
    await alicePage.getByLabel('Action').selectOption('');
    await alicePage.getByLabel('Actor').selectOption({ label: bob.name });
    // Only Bob's own calls: accepting the invitation, switching organization.
    const actorCells = () => table.locator('tbody tr td:nth-child(4)').allTextContents();
    await expect.poll(async () => [...new Set(await actorCells())]).toEqual([bob.name]);
    expect(await table.textContent()).toContain('invitation.accept');
    await alicePage.getByLabel('Actor').selectOption('');
    // A day in the future: nothing yet; a "to" before "from" is refused beside the field.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await alicePage.getByLabel('From').fill(tomorrow);
    await expect.poll(() => table.locator('tbody tr').filter({ hasText: 'No events match.' }).count()).toBe(1);
    await alicePage.getByLabel('To (included)').fill('2020-01-01');
    await expect.poll(() => alicePage.locator('[data-field-error="to"]').count()).toBe(1);
    await alicePage.getByLabel('From').fill('');
    await alicePage.getByLabel('To (included)').fill('');
    await expect.poll(async () => (await table.textContent()) ?? '').toContain('member.transferOwnership');
  });

  it('my sessions lists each browser, and signs one out', async () => {
    const laptop = await openPage();
    await laptop.goto(`${consoleUrl}/sign-in`);
    await laptop.getByLabel('Email').fill(alice.email);
    await laptop.getByLabel('Password').fill(alice.password);
    await laptop.getByRole('button', { name: 'Sign in' }).click();
    await heading(laptop, 'Overview').waitFor();

    await openNav(alicePage, 'My sessions');
    const rows = alicePage.getByRole('table').locator('tbody tr');
    await expect.poll(() => rows.filter({ hasText: 'this browser' }).count()).toBe(1);
    // Alice's browser since sign-up, and the laptop.
    expect(await rows.count()).toBe(2);
    const laptopRow = rows.filter({ hasNotText: 'this browser' });
    expect(await laptopRow.textContent()).toContain('Chrome on Linux');
    await expectAccessible(alicePage, 'my sessions list');
    await laptopRow.getByRole('button', { name: /^Sign out / }).click();
    await expect.poll(() => rows.count()).toBe(1);

    // The laptop learns on its next call and returns to sign-in; Alice's browser goes on.
    await laptop.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Members' }).click();
    await heading(laptop, 'Sign in').waitFor();
    expect(await laptop.getByRole('alert').textContent()).toMatch(/sign in again/i);
  });

  it('sign out everywhere returns Alice’s other browser to sign-in with a message', async () => {
    const elsewhere = await openPage();
    await elsewhere.goto(`${consoleUrl}/sign-in`);
    await expectAccessible(elsewhere, 'sign-in');
    await screenshot(elsewhere, 'sign-in');
    await elsewhere.getByLabel('Email').fill(alice.email);
    await elsewhere.getByLabel('Password').fill(alice.password);
    await elsewhere.getByRole('button', { name: 'Sign in' }).click();
    await heading(elsewhere, 'Overview').waitFor();

    await openNav(alicePage, 'Overview');
    await openNav(alicePage, 'My sessions');
    await expect.poll(() => alicePage.getByRole('table').locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    await expectAccessible(alicePage, 'my sessions');
    await screenshot(alicePage, 'sessions');
    await alicePage.getByRole('button', { name: 'Sign out everywhere' }).click();
    await alicePage
      .getByRole('dialog', { name: 'Sign out of every session?' })
      .getByRole('button', { name: 'Sign out everywhere' })
      .click();
    await heading(alicePage, 'Sign in').waitFor();
    expect(await alicePage.getByRole('alert').textContent()).toContain('signed out of every session');

    // The other browser learns on its next call (401 SESSION_REVOKED) and returns to sign-in.
    await elsewhere.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Members' }).click();
    await heading(elsewhere, 'Sign in').waitFor();
    expect(await elsewhere.getByRole('alert').textContent()).toMatch(/sign in again/i);
  });

  /** A REST call with an API key, as a service would make it. */
  const withKey = (secret: string) =>
    fetch(`${new URL(consoleUrl).origin}/members`, { headers: { authorization: `Bearer ${secret}` } });

  it('Bob (now the owner) creates an API key, shown once and usable, then rotates and revokes it', async () => {
    // Promoted by Alice meanwhile: a reload shows his owner's navigation (the tab stays signed in).
    await bobPage.reload();
    await heading(bobPage, 'Overview').waitFor();
    await openNav(bobPage, 'API keys');
    await expectAccessible(bobPage, 'api keys');
    await bobPage.getByLabel('Name', { exact: true }).fill('CI deploy');
    // Only scopes a key may hold: the people-only ones are not offered.
    const scopes = bobPage.getByRole('group', { name: /^Scopes/ });
    expect(await scopes.getByRole('checkbox', { name: /apiKeys\.manage/ }).count()).toBe(0);
    await scopes.getByRole('checkbox', { name: /members\.read/ }).check();
    await bobPage.getByRole('button', { name: 'Create key' }).click();
    const secretField = bobPage.getByLabel('Value (shown once)');
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    const row = bobPage.getByRole('row').filter({ hasText: 'CI deploy' });
    await expect.poll(() => row.count()).toBe(1);
    expect(secret.startsWith((await row.getByRole('cell').nth(1).textContent())?.replace('…', '') ?? '-')).toBe(true);
    expect(await row.textContent()).toContain('members.read');
    expect(await row.textContent()).toContain(`by ${bob.name}`);
    await expectAccessible(bobPage, 'api keys with the secret');
    await screenshot(bobPage, 'api-keys');
    const listed = await withKey(secret);
    expect(listed.status).toBe(200);
    expect(JSON.stringify(await listed.json())).toContain(bob.email);
    await bobPage.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => secretField.count()).toBe(0);

    // Rotate with no grace: the new secret works, the old one stops at once.
    await row.getByRole('button', { name: 'Rotate…' }).click();
    const rotate = bobPage.getByRole('dialog', { name: 'Rotate the secret of “CI deploy”?' });
    await rotate.getByLabel('Old secret keeps working for').selectOption('0');
    await expectAccessible(bobPage, 'api key rotation');
    await rotate.getByRole('button', { name: 'Rotate secret' }).click();
    await secretField.waitFor();
    const rotated = await secretField.inputValue();
    expect(rotated).not.toBe(secret);
    expect((await withKey(rotated)).status).toBe(200);
    expect((await withKey(secret)).status).toBe(401);

    await row.getByRole('button', { name: 'Revoke' }).click();
    await bobPage
      .getByRole('dialog', { name: 'Revoke “CI deploy”?' })
      .getByRole('button', { name: 'Revoke key' })
      .click();
    await expect.poll(() => row.textContent()).toContain('revoked');
    expect((await withKey(rotated)).status).toBe(401);
  });

  it('Bob registers a webhook endpoint at a real receiver; a test event arrives signed and shows in the log', async () => {
    await openNav(bobPage, 'Webhooks');
    await expectAccessible(bobPage, 'webhooks');
    await bobPage.getByLabel('URL').fill(receiver.url);
    await bobPage.getByLabel('Description (optional)').fill('Deploy bot');
    const eventTypes = bobPage.getByRole('group', { name: 'Event types' });
    for (const type of ['organization.deleted', 'organization.restored'])
      await eventTypes.getByRole('checkbox', { name: new RegExp(type.replace('.', '\\.')) }).check();
    await bobPage.getByRole('button', { name: 'Register endpoint' }).click();
    const secretField = bobPage.getByLabel('Value (shown once)');
    await secretField.waitFor();
    const signingSecret = await secretField.inputValue();
    expect(signingSecret).toMatch(/^whsec_/);
    const row = bobPage.getByRole('row').filter({ hasText: receiver.url });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('organization.restored');
    await expectAccessible(bobPage, 'webhooks with the secret');

    await row.getByRole('button', { name: 'Send test event' }).click();
    const log = bobPage.getByRole('table', { name: /^Deliveries/ });
    const delivered = log.locator('tbody tr').filter({ hasText: 'webhook.test' }).filter({ hasText: 'delivered' });
    await expect.poll(() => delivered.count(), { timeout: 20_000 }).toBe(1);
    expect(await delivered.getByRole('cell').nth(3).textContent()).toBe('200');
    expect(await delivered.getByRole('cell').nth(5).textContent()).toBe('1');
    // The receiver got it, signed with the secret the console showed once.
    expect(receiver.requests).toHaveLength(1);
    const [first] = receiver.requests;
    const message = await verifyWebhook(signingSecret, first!.body, first!.headers);
    expect(message.type).toBe('webhook.test');
    await expectAccessible(bobPage, 'webhook deliveries');
    await screenshot(bobPage, 'webhooks');

    // Re-send: the same event (same webhook-id) again, as a new delivery.
    await delivered.getByRole('button', { name: /^Re-send webhook\.test/ }).click();
    await expect.poll(() => receiver.requests.length, { timeout: 20_000 }).toBe(2);
    expect(receiver.requests[1]!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    await expect
      .poll(() => log.locator('tbody tr').filter({ hasText: 'delivered' }).count(), { timeout: 20_000 })
      .toBe(2);
  });

  it('Bob deletes the organization, sees the restore token once, and restores it with the token', async () => {
    await openNav(bobPage, 'Settings');
    await bobPage.getByRole('button', { name: 'Delete organization…' }).click();
    const dialog = bobPage.getByRole('dialog', { name: `Delete ${alice.org}?` });
    await dialog.getByLabel(`Type “${alice.org}” to confirm`).fill(alice.org);
    await dialog.getByRole('button', { name: 'Delete organization' }).click();
    await heading(bobPage, 'Restore a deleted organization').waitFor();
    const tokenField = bobPage.getByLabel('Value (shown once)');
    await tokenField.waitFor();
    const restoreToken = await tokenField.inputValue();
    expect(restoreToken.length).toBeGreaterThan(10);
    expect(await bobPage.locator('.secret-once').textContent()).toMatch(/kept until .+ then purged/);
    expect(await bobPage.getByLabel('Organization name').inputValue()).toBe(alice.org);
    await expectAccessible(bobPage, 'restore with the token');
    await screenshot(bobPage, 'deleted-restore-token');
    await expect
      .poll(() => receiver.requests.some((request) => request.body.includes('organization.deleted')))
      .toBe(true);
    await bobPage.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => tokenField.count()).toBe(0);

    // A wrong token is refused beside its field; the right one restores.
    await bobPage.getByLabel('Restore token', { exact: true }).fill('not-the-token');
    await bobPage.getByRole('button', { name: 'Restore organization' }).click();
    await expect
      .poll(() => bobPage.getByRole('alert').or(bobPage.locator('[data-field-error]')).count())
      .toBeGreaterThan(0);
    await bobPage.getByLabel('Restore token', { exact: true }).fill(restoreToken);
    await bobPage.getByRole('button', { name: 'Restore organization' }).click();
    await bobPage.getByText(`${alice.org} is restored.`).waitFor();
    await expectAccessible(bobPage, 'restore');
    await expect
      .poll(() => receiver.requests.some((request) => request.body.includes('organization.restored')))
      .toBe(true);

    // Signed out by the delete, Bob signs in again: the organization is back and active.
    await bobPage.getByRole('link', { name: 'sign in', exact: true }).click();
    await bobPage.getByLabel('Email').fill(bob.email);
    await bobPage.getByLabel('Password').fill(bob.password);
    await bobPage.getByLabel('Organization (optional)').fill(alice.org);
    await bobPage.getByRole('button', { name: 'Sign in' }).click();
    await heading(bobPage, 'Overview').waitFor();
    await expect.poll(() => bobPage.locator('.facts dd').first().textContent()).toBe(alice.org);
    expect(await bobPage.locator('.facts [data-state]').textContent()).toBe('active');
  });

  it('the restore page is reachable from sign-in', async () => {
    const page = await openPage();
    await page.goto(`${consoleUrl}/sign-in`);
    await page.getByRole('link', { name: 'Restore a deleted organization' }).click();
    await heading(page, 'Restore a deleted organization').waitFor();
    await page.getByRole('radio', { name: 'With an owner’s email and password' }).check();
    await page.getByLabel('Owner’s email', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Purge now' }).isDisabled()).toBe(true);
    await expectAccessible(page, 'restore from sign-in');
    await screenshot(page, 'restore');
  });

  /** Fails sign-in until the API throttles it; returns the countdown shown. */
  const signInUntilThrottled = async (page: Page, target: string) => {
    for (let attempt = 0; attempt <= loginAttemptsPerEmail; attempt += 1) {
      await page.getByLabel('Email').fill(target);
      await page.getByLabel('Password').fill(`wrong-password-${attempt}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').waitFor();
      await page.getByRole('button', { name: 'Sign in' }).and(page.locator(':not([disabled])')).waitFor();
    }
    const retry = page.locator('.retry-after');
    await retry.waitFor();
    expect(Number(await retry.getAttribute('data-retry-after'))).toBeGreaterThan(0);
    expect(await retry.textContent()).toMatch(/try again in \d+ s/);
  };

  it('too many sign-in attempts show when to retry (429)', async () => {
    const page = await openPage();
    await page.goto(`${consoleUrl}/sign-in`);
    await signInUntilThrottled(page, `nobody.${s}@acme.test`);
    await expectAccessible(page, 'sign-in after 429');
    await screenshot(page, 'sign-in-429');
  });

  it('on its own origin, the console reads Retry-After across origins (CORS exposes it)', async () => {
    const page = await openPage();
    const apiOrigins = new Set<string>();
    page.on('request', (request) => {
      if (request.url().includes('/trpc/')) apiOrigins.add(new URL(request.url()).origin);
    });
    await page.goto(`${staticHost.url}/sign-in`);
    await heading(page, 'Sign in').waitFor();
    await signInUntilThrottled(page, `elsewhere.${s}@acme.test`);
    // The calls really crossed origins: the page is on the static host, the API elsewhere.
    expect([...apiOrigins]).toEqual([new URL(consoleUrl).origin]);
    expect(new URL(page.url()).origin).not.toBe(new URL(consoleUrl).origin);
  });

  it('checked every page with axe', () => {
    expect([...checkedPages].sort()).toEqual(
      [
        'accept invitation',
        'api key rotation',
        'api keys',
        'api keys with the secret',
        'audit log',
        'invitations',
        'invitations with the link',
        'members',
        'my sessions',
        'my sessions list',
        'overview',
        'rename confirmation',
        'restore',
        'restore from sign-in',
        'restore with the token',
        'settings',
        'sign-in',
        'sign-in after 429',
        'sign-up',
        'sign-up with a field error',
        'webhook deliveries',
        'webhooks',
        'webhooks with the secret',
      ].sort(),
    );
  });
});
