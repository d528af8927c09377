import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { TRPC_ERROR_CODE_HTTP_STATUS } from 'trpc-to-openapi';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { verifiedVersions } from '../src/procedure-http/verified-versions.js';

// procedure-http copies library internals; a version that was not re-verified must fail here.
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const require = createRequire(import.meta.url);

/** The installed package's manifest (found from its entry point: not every package exports it). */
const installedVersion = (name: string): string => {
  for (let dir = dirname(require.resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version: string;
      };
      if (manifest.name === name) return manifest.version;
    } catch {
      // no manifest at this level
    }
  }
  throw new Error(`no package.json found for ${name}`);
};

// Spelled in two parts so this file is not an importer itself.
const internalsEntry = ['@trpc/server', 'unstable-core-do-not' + '-import'].join('/');

const readJson = (path: string) =>
  JSON.parse(readFileSync(join(repoRoot, path), 'utf8')) as { dependencies: Record<string, string> };

const reverify = (name: string) =>
  `${name} is not the version apps/api/src/procedure-http was verified against: re-read what verified-versions.ts lists, ` +
  'run the hosting tests, then update verifiedVersions and the exact pins';

describe('procedure-http pins the library versions whose internals it uses', () => {
  it.each(Object.entries(verifiedVersions))('%s is installed at the verified version', (name, version) => {
    expect(installedVersion(name), reverify(name)).toBe(version);
  });

  it('pins them exactly, so an install cannot drift to another version', () => {
    const catalog = (
      parse(readFileSync(join(repoRoot, 'pnpm-workspace.yaml'), 'utf8')) as { catalog: Record<string, string> }
    ).catalog;
    expect(catalog['@trpc/server'], reverify('@trpc/server')).toBe(verifiedVersions['@trpc/server']);
    expect(catalog['@trpc/client'], reverify('@trpc/client')).toBe(verifiedVersions['@trpc/client']);
    const api = readJson('apps/api/package.json');
    expect(api.dependencies['@trpc/server']).toBe('catalog:');
    expect(api.dependencies['trpc-to-openapi'], reverify('trpc-to-openapi')).toBe(verifiedVersions['trpc-to-openapi']);
  });

  it("answers REST with tRPC's status table, which is trpc-to-openapi's", () => {
    const codes = Object.keys(TRPC_ERROR_CODES_BY_KEY) as TRPC_ERROR_CODE_KEY[];
    const trpcTable = Object.fromEntries(
      codes.map((code) => [code, getHTTPStatusCodeFromError(new TRPCError({ code }))]),
    );
    expect(TRPC_ERROR_CODE_HTTP_STATUS).toEqual(trpcTable);
  });

  it('keeps the imports of tRPC internals in one module', () => {
    const importers: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(join(repoRoot, dir), { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory() && !['node_modules', 'dist', '.cache', '.turbo'].includes(entry.name)) walk(path);
        else if (
          /\.[cm]?tsx?$/.test(entry.name) &&
          readFileSync(join(repoRoot, path), 'utf8').includes(internalsEntry)
        ) {
          importers.push(path);
        }
      }
    };
    walk('apps');
    walk('packages');
    expect(importers).toEqual(['apps/api/src/procedure-http/invoke-procedure.ts']);
  });
});
