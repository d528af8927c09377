import { describe, expect, it } from 'vitest';

import { AppError } from '../errors.js';
import { signingSecrets } from './endpoint.js';
import { nextAttemptAt, retryScheduleSeconds } from './retry-schedule.js';
import { createSecretBox } from './secret-box.js';
import { newWebhookSecret, signWebhook } from './signature.js';
import { parseWebhookUrl } from './webhook-url.js';

describe('webhook secrets', () => {
  it('are whsec_ plus 32 random bytes, sealed with AES-256-GCM and opened again only with the same key', () => {
    const secret = newWebhookSecret();
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    const box = createSecretBox('a key of at least thirty-two characters!');
    const sealed = box.seal(secret);
    expect(sealed).not.toContain(secret.slice(6));
    expect(box.seal(secret)).not.toBe(sealed);
    expect(box.open(sealed)).toBe(secret);
    expect(() => createSecretBox('another key of at least thirty-two chars').open(sealed)).toThrow();
    const [version, iv, tag, body = ''] = sealed.split(':');
    const flipped = Buffer.from(body, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => box.open([version, iv, tag, flipped.toString('base64')].join(':'))).toThrow();
  });

  it('sign with each signing secret, space-separated; an expired previous secret no longer signs', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const secrets = [
      { sealed: 'current', expiresAt: null },
      { sealed: 'previous', expiresAt: new Date(now.getTime() + 1_000) },
    ];
    expect(signingSecrets({ secrets }, now).map((s) => s.sealed)).toEqual(['current', 'previous']);
    expect(signingSecrets({ secrets }, new Date(now.getTime() + 1_000)).map((s) => s.sealed)).toEqual(['current']);
    const signature = signWebhook([newWebhookSecret(), newWebhookSecret()], 'msg_1', 1_700_000_000, '{}');
    expect(signature).toMatch(/^v1,[A-Za-z0-9+/]{43}= v1,[A-Za-z0-9+/]{43}=$/);
  });
});

describe('the retry schedule', () => {
  it('follows Standard Webhooks (about a day over eight attempts) with bounded jitter, then gives up', () => {
    const from = new Date(0);
    const policy = { unitMs: 1_000, jitter: 0.2 };
    expect(retryScheduleSeconds.reduce<number>((sum, s) => sum + s, 0) / 3_600).toBeCloseTo(27.6, 1);
    for (const [attempts, seconds] of retryScheduleSeconds.entries()) {
      expect(nextAttemptAt(attempts, from, policy, () => 0)?.getTime()).toBe(Math.round(seconds * 800));
      expect(nextAttemptAt(attempts, from, policy, () => 1)?.getTime()).toBe(Math.round(seconds * 1_200));
    }
    expect(nextAttemptAt(retryScheduleSeconds.length, from, policy)).toBeNull();
  });
});

describe('parseWebhookUrl', () => {
  it('takes https, and http only where insecure targets are allowed', () => {
    expect(parseWebhookUrl('https://hooks.example.com/x', { allowInsecure: false }).toString()).toBe(
      'https://hooks.example.com/x',
    );
    expect(parseWebhookUrl('http://127.0.0.1:3000/x', { allowInsecure: true }).port).toBe('3000');
    for (const [url, allowInsecure] of [
      ['http://hooks.example.com/x', false],
      ['ftp://hooks.example.com/x', true],
      ['not a url', true],
      ['https://user:pass@hooks.example.com/', true],
      ['https://hooks.example.com/#frag', true],
      [`https://hooks.example.com/${'a'.repeat(2_100)}`, true],
    ] as const) {
      expect(() => parseWebhookUrl(url, { allowInsecure }), url).toThrow(AppError);
    }
  });
});
