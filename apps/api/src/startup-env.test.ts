import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { EnvFileError, findEnvFile } from './env-file.js';
import { EnvError, loadStartupEnv } from './env.js';

const root = mkdtempSync(join(tmpdir(), 'orgsphere-env-file-'));
const appDir = join(root, 'apps', 'api');
writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages: []\n');
const rootEnvFile = join(root, '.env');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('loadStartupEnv', () => {
  it("reads the repository root's .env from inside the workspace, the shell winning over it", () => {
    writeFileSync(rootEnvFile, '# a comment\nPORT=8123\nJWT_ISSUER="from-file"\nHOST=0.0.0.0\n');
    const { env, envFile } = loadStartupEnv({ HOST: '127.0.0.2' }, appDir);
    expect(envFile).toBe(rootEnvFile);
    expect(env).toMatchObject({ PORT: 8123, JWT_ISSUER: 'from-file', HOST: '127.0.0.2' });
  });

  it('reads ORGSPHERE_ENV_FILE instead; an empty one reads no file', () => {
    const other = join(root, 'other.env');
    writeFileSync(other, 'PORT=8124\n');
    expect(loadStartupEnv({ ORGSPHERE_ENV_FILE: other }, appDir)).toMatchObject({
      envFile: other,
      env: { PORT: 8124 },
    });
    expect(loadStartupEnv({ ORGSPHERE_ENV_FILE: '' }, appDir)).toMatchObject({
      envFile: undefined,
      env: { PORT: 8000 },
    });
  });

  it('refuses an ORGSPHERE_ENV_FILE that does not exist, naming it', () => {
    expect(() => findEnvFile('missing.env', root)).toThrow(EnvFileError);
    expect(() => findEnvFile('missing.env', root)).toThrow(join(root, 'missing.env'));
  });

  it('reads nothing outside a workspace (a deployed bundle)', () => {
    const outside = mkdtempSync(join(tmpdir(), 'orgsphere-no-workspace-'));
    writeFileSync(join(outside, '.env'), 'PORT=1\n');
    try {
      expect(findEnvFile(undefined, outside)).toBeUndefined();
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('names the file when one of its values is invalid', () => {
    writeFileSync(rootEnvFile, 'PORT=eighty\n');
    expect(() => loadStartupEnv({}, appDir)).toThrow(EnvError);
    expect(() => loadStartupEnv({}, appDir)).toThrow(rootEnvFile);
  });

  it("warns about every variable of the original service, naming OrgSphere's", () => {
    writeFileSync(rootEnvFile, 'SECRET_KEY=from-the-python-days\n');
    const { warnings } = loadStartupEnv(
      {
        JWT_SECRET_KEY: 'x',
        MONGODB_URL: 'mongodb://db',
        MONGO_DB: 'orgs',
        MASTER_DB: 'orgs',
        ACCESS_TOKEN_EXPIRE_MINUTES: '30',
        JWT_EXPIRES_MINUTES: '30',
        JWT_EXP_MINUTES: '45',
        JWT_ALGORITHM: 'HS256',
      },
      appDir,
    );
    const expected: [string, string][] = [
      ['SECRET_KEY', 'use JWT_SECRET instead'],
      ['JWT_SECRET_KEY', 'use JWT_SECRET instead'],
      ['MONGODB_URL', 'use MONGO_URI instead'],
      ['MONGO_DB', 'use MASTER_DB_NAME instead'],
      ['MASTER_DB', 'use MASTER_DB_NAME instead'],
      ['ACCESS_TOKEN_EXPIRE_MINUTES', 'use JWT_EXPIRES_IN (e.g. JWT_EXPIRES_IN=30m) instead'],
      ['JWT_EXPIRES_MINUTES', 'use JWT_EXPIRES_IN (e.g. JWT_EXPIRES_IN=30m) instead'],
      ['JWT_EXP_MINUTES', 'use JWT_EXPIRES_IN (e.g. JWT_EXPIRES_IN=45m) instead'],
      ['JWT_ALGORITHM', 'use JWT_SECRET (tokens are always HS256, signed with JWT_SECRET) instead'],
    ];
    expect(warnings).toHaveLength(expected.length);
    for (const [name, advice] of expected) {
      expect(warnings).toContain(
        `${name} is set but OrgSphere does not read it (a variable of the original service): ${advice}`,
      );
    }
    expect(loadStartupEnv({ ORGSPHERE_ENV_FILE: '' }, appDir).warnings).toEqual([]);
  });
});
