import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: opaque to clients, useless to anyone who reads the database. */
export const generateRefreshToken = (): string => randomBytes(32).toString('base64url');

/** High-entropy tokens need no salt or slow hash: SHA-256 is enough to keep the stored form useless. */
export const hashRefreshToken = (token: string): string => createHash('sha256').update(token).digest('base64url');
