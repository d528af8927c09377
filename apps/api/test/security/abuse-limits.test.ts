import { requireTestRedis, testRedisUrl as redisUrl } from '@orgsphere/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openArena, type Arena, type Tenant } from '../arena.js';

const windowMs = 3_000;
const redisReachable = await requireTestRedis('the Redis-backed throttling tests');

describe('login throttling', () => {
  let arena: Arena;
  let victim: Tenant;

  beforeAll(async () => {
    arena = await openArena({ loginThrottle: { maxAttemptsPerEmail: 5, maxAttemptsPerIp: 50, windowMs } });
    victim = await arena.tenant('Throttled');
  });
  afterAll(() => arena.server.close());

  it('answers 1,000 rapid bad logins with 429 and Retry-After, and lets the admin in after the window', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    const started = Date.now();
    for (let batch = 0; batch < 20; batch += 1) {
      const responses = await Promise.all(
        Array.from({ length: 50 }, () => arena.api.login({ email: victim.email, password: 'wrong-password-x' })),
      );
      for (const response of responses) {
        statuses.push(response.status);
        if (response.status === 429) retryAfter ??= response.headers.get('retry-after');
      }
    }
    // Each throttle window lets at most 5 attempts reach the password check.
    const windowsSpanned = Math.ceil((Date.now() - started) / windowMs) + 1;
    expect(statuses).toHaveLength(1_000);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5 * windowsSpanned);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1_000 - 5 * windowsSpanned);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);

    // While the email is locked even the right password is held off (lock it afresh first,
    // so a slow machine's burst spanning several windows cannot matter)...
    let locked = false;
    for (let i = 0; i < 20 && !locked; i += 1) {
      locked = (await arena.api.login({ email: victim.email, password: 'wrong-password-x' })).status === 429;
    }
    expect(locked).toBe(true);
    expect((await arena.api.login({ email: victim.email, password: victim.password })).status).toBe(429);
    // ...and after it the admin gets in.
    await new Promise((resolve) => setTimeout(resolve, windowMs + 200));
    expect((await arena.api.login({ email: victim.email, password: victim.password })).status).toBe(200);
  });

  it('records failed logins in the audit trail of the targeted organization', async () => {
    const events = await arena.server.db
      .collection('audit_events')
      .find({ organization_id: victim.organizationId, action: 'admin.login', outcome: 'failure' })
      .toArray();
    expect(events.some((e) => e.reason === 'INVALID_CREDENTIALS')).toBe(true);
    expect(events.some((e) => e.reason === 'TOO_MANY_ATTEMPTS')).toBe(false);
  });
});

describe('general rate limit', () => {
  let arena: Arena;
  beforeAll(async () => {
    arena = await openArena({ rateLimit: { max: 10, windowMs: 60_000 } });
  });
  afterAll(() => arena.server.close());

  it('answers 429 with Retry-After past the limit, but never on the health probes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await arena.api.getOrg('Nobody Here')).status);
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    const limited = await arena.api.getOrg('Nobody Here');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await arena.api.send('GET', '/health')).status).toBe(200);
    expect((await arena.api.send('GET', '/ready')).status).toBe(200);
  });
});

describe.skipIf(!redisReachable)('throttling shared through Redis', () => {
  let first: Arena;
  let second: Arena;
  beforeAll(async () => {
    const options = { redisUrl, loginThrottle: { maxAttemptsPerEmail: 3, maxAttemptsPerIp: 1_000, windowMs: 60_000 } };
    first = await openArena(options);
    second = await openArena(options);
  });
  afterAll(async () => {
    await first.server.close();
    await second.server.close();
  });

  it('counts attempts made on one instance against the next instance too', async () => {
    const email = `shared.${Date.now()}@example.com`;
    for (let i = 0; i < 3; i += 1)
      expect((await first.api.login({ email, password: 'wrong-password-1' })).status).toBe(401);
    expect((await second.api.login({ email, password: 'wrong-password-1' })).status).toBe(429);
  });
});
