import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { startTestServer, testJwt, type TestServer } from '@orgsphere/api/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { consumerFlowSource, consumerTypesSource } from './consumer-sources.js';

const execFileAsync = promisify(execFile);
const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(packageDir, '../..');
const workDir = mkdtempSync(join(tmpdir(), 'orgsphere-consumer-'));
const typescriptVersion = (
  JSON.parse(readFileSync(join(repoRoot, 'node_modules/typescript/package.json'), 'utf8')) as { version: string }
).version;

let server: TestServer;
let tarball: string;

beforeAll(async () => {
  // Access tokens live two seconds, so the flow meets a real expiry.
  server = await startTestServer(inject('mongoUri'), {
    jwt: { ...testJwt, expiresInSeconds: 2, clockToleranceSeconds: 0 },
  });
  // Exactly what would be published (the build comes first, as in `pnpm test`).
  const packDir = join(workDir, 'pack');
  mkdirSync(packDir);
  await execFileAsync(join(repoRoot, 'pnpmw'), ['pack', '--pack-destination', packDir], { cwd: packageDir });
  tarball = join(
    packDir,
    readdirSync(packDir).find((file) => file.endsWith('.tgz'))!,
  );
}, 120_000);
afterAll(async () => {
  await server.close();
  rmSync(workDir, { recursive: true, force: true });
});

/** Never synchronous: the server under test answers from this process's event loop. */
const run = async (command: string, args: string[], cwd: string, env: Record<string, string> = {}) => {
  try {
    const { stdout, stderr } = await execFileAsync(command, args, {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, ...env },
      timeout: 120_000,
    });
    return { ok: true, output: `${stdout}${stderr}` };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
};

/** A project outside the workspace that installs the tarball with npm, as another repository would. */
const consumerProject = async (name: string, dependencies: string[]) => {
  const dir = join(workDir, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, type: 'module', private: true }));
  // No --legacy-peer-deps or --force: a peer conflict fails the install with ERESOLVE.
  const install = await run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      tarball,
      `typescript@${typescriptVersion}`,
      '@types/node@20',
      ...dependencies,
    ],
    dir,
  );
  writeFileSync(join(dir, 'flow.ts'), consumerFlowSource);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        outDir: 'out',
        // tRPC's own declarations need @types/ws and more under skipLibCheck: false, as most
        // apps run; consumer-typecheck.test.ts checks this package's .d.ts strictly.
        skipLibCheck: true,
        lib: ['ES2022', 'DOM', 'ESNext.Disposable'],
        types: ['node'],
        jsx: 'react-jsx',
      },
      include: ['*.ts'],
    }),
  );
  const installed = JSON.parse(readFileSync(join(dir, 'node_modules/@trpc/client/package.json'), 'utf8')) as {
    version: string;
  };
  return { dir, install, trpcVersion: installed.version };
};

const expectFlowToPass = async (dir: string) => {
  const compiled = await run(process.execPath, [join(dir, 'node_modules/typescript/bin/tsc'), '-p', dir], dir);
  expect(compiled.output).toBe('');
  const flow = await run(process.execPath, [join(dir, 'out/flow.js')], dir, { ORGSPHERE_URL: server.url });
  expect(flow.output).toContain('FLOW OK');
  return JSON.parse(flow.output.slice(flow.output.indexOf('{'))) as Record<string, unknown>;
};

describe('the packed client in a project outside the workspace', () => {
  it('installs beside @trpc/tanstack-react-query without ERESOLVE, type-checks, and runs the whole flow', async () => {
    const project = await consumerProject('with-tanstack', [
      '@trpc/tanstack-react-query',
      '@tanstack/react-query',
      'react',
      '@types/react',
    ]);
    expect(project.install.output).not.toContain('ERESOLVE');
    expect(project.install.ok).toBe(true);
    writeFileSync(join(project.dir, 'types.ts'), consumerTypesSource);
    // The published manifest names no workspace package and ships its license.
    const manifest = JSON.parse(
      readFileSync(join(project.dir, 'node_modules/@orgsphere/client/package.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(JSON.stringify(manifest)).not.toMatch(/workspace:|@orgsphere\/(api|core|db)/);
    expect(readdirSync(join(project.dir, 'node_modules/@orgsphere/client')).sort()).toEqual([
      'LICENSE',
      'README.md',
      'dist',
      'package.json',
    ]);
    const declarations = readFileSync(join(project.dir, 'node_modules/@orgsphere/client/dist/index.d.ts'), 'utf8');
    expect(declarations).not.toMatch(/passwordHash|Repository|onStep|LifecycleStep|DomainDeps/);

    const result = await expectFlowToPass(project.dir);
    expect(result.refreshes).toBe(1);
  });

  it('works with the lowest tRPC the peer range allows', async () => {
    const project = await consumerProject('lowest-trpc', ['@trpc/client@11.4.0', '@trpc/server@11.4.0']);
    expect(project.install.ok).toBe(true);
    expect(project.trpcVersion).toBe('11.4.0');
    const result = await expectFlowToPass(project.dir);
    expect(result.refreshes).toBe(1);
  });
});
