/**
 * This package's version, sent as `x-orgsphere-client` on every request so the
 * server's logs show which clients are still in use. Kept equal to package.json by a test.
 */
export const clientVersion = '0.2.0';

export const clientVersionHeader = 'x-orgsphere-client';
