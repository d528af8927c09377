import { describe, expect, it } from 'vitest';

import { permissions, roleCan } from '../members/permissions.js';
import { apiKeyScopes, personOnlyPermissions, roleForScopes } from './api-key.js';
import { displayPrefixOf, generateApiKeySecret, hashApiKeySecret, isWellFormedApiKey } from './api-key-secret.js';
import { createLastUsedRecorder } from './last-used-recorder.js';

describe('API key secrets', () => {
  it('carry 256 random bits after a recognisable prefix and hash to a fixed-size value', () => {
    const secret = generateApiKeySecret('live');
    expect(isWellFormedApiKey(secret)).toBe(true);
    expect(Buffer.from(secret.slice('osk_live_'.length), 'base64url')).toHaveLength(32);
    expect(generateApiKeySecret('live')).not.toBe(secret);
    expect(hashApiKeySecret(secret)).not.toContain(secret.slice(9));
    expect(displayPrefixOf(secret)).toBe(secret.slice(0, 'osk_live_'.length + 6));
    expect(isWellFormedApiKey(`${secret}x`)).toBe(false);
  });
});

describe('API key scopes', () => {
  it('are the permission table less the person-only permissions', () => {
    expect([...apiKeyScopes, ...personOnlyPermissions].sort()).toEqual([...permissions].sort());
  });

  it('map to the weakest role that holds them all', () => {
    for (const scope of apiKeyScopes) {
      const role = roleForScopes([scope]);
      expect(roleCan(role, scope)).toBe(true);
    }
    expect(roleForScopes(['org.read'])).toBe('member');
  });
});

describe('the last-used recorder', () => {
  it('writes each key once per flush with its latest use, and keeps uses whose write failed', async () => {
    const writes: { id: string; at: Date }[][] = [];
    let fail = false;
    const recorder = createLastUsedRecorder(async (uses) => {
      if (fail) throw new Error('down');
      writes.push([...uses]);
    });
    recorder.record('a', new Date(1_000));
    recorder.record('a', new Date(3_000));
    recorder.record('a', new Date(2_000));
    recorder.record('b', new Date(5_000));
    fail = true;
    await expect(recorder.flush()).rejects.toThrow('down');
    expect(recorder.pending('a')).toEqual(new Date(3_000));
    fail = false;
    await recorder.flush();
    await recorder.flush();
    expect(writes).toEqual([
      [
        { id: 'a', at: new Date(3_000) },
        { id: 'b', at: new Date(5_000) },
      ],
    ]);
  });
});
