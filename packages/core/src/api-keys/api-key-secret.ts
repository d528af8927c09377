import { createHash, randomBytes } from 'node:crypto';

/** `live` in production, `test` elsewhere, so a key shows where it belongs. */
export type ApiKeyEnvironment = 'live' | 'test';

const marker = 'osk_';
const wellFormed = /^osk_(live|test)_[A-Za-z0-9_-]{43}$/;
/** Characters of the random part a list shows after the environment prefix. */
const shownRandomChars = 6;

/** Keys and JWTs share the Authorization header; a key says what it is by its prefix. */
export const looksLikeApiKey = (token: string): boolean => token.startsWith(marker);

export const isWellFormedApiKey = (token: string): boolean => wellFormed.test(token);

/** 256 random bits after a recognisable prefix, e.g. `osk_live_3q2-...` (52 characters). */
export const generateApiKeySecret = (environment: ApiKeyEnvironment): string =>
  `${marker}${environment}_${randomBytes(32).toString('base64url')}`;

/** A fast hash suffices: the secret is 256 random bits, so the stored form is useless to a thief. */
export const hashApiKeySecret = (secret: string): string => createHash('sha256').update(secret).digest('base64url');

export const displayPrefixOf = (secret: string): string =>
  secret.slice(0, secret.indexOf('_', marker.length) + 1 + shownRandomChars);
