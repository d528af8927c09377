import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(packageDir, '../..');
const require = createRequire(join(packageDir, 'package.json'));
const consumerDir = mkdtempSync(join(tmpdir(), 'orgsphere-consumer-'));
afterAll(() => rmSync(consumerDir, { recursive: true, force: true }));

/** Where an installed dependency of the client package lives (pnpm's real path). */
const installedPackageDir = (name: string) => {
  let dir = dirname(require.resolve(`${name}/package.json`));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
};

const consumerSource = `
import { createOrgSphereClient, type Organization, type OrgSphereInputs } from '@orgsphere/client';

const api = createOrgSphereClient({ url: 'http://127.0.0.1:8000', token: 'token' });

export async function useIt(): Promise<string> {
  const org: Organization = await api.org.get.query({ organization_name: 'Acme' });
  const login = await api.admin.login.mutate({ email: 'a@example.com', password: 'password1' });
  const tokenType: 'bearer' = login.token_type;
  const update: OrgSphereInputs['org']['update'] = { organization_name: 'Acme', new_organization_name: 'Acme 2' };
  await api.org.update.mutate(update);
  // @ts-expect-error organization_name is required
  await api.org.get.query({});
  // @ts-expect-error the output has no password hash
  void org.password_hash;
  // @ts-expect-error procedures are typed: there is no org.list
  void api.org.list;
  return org.collection_name + tokenType;
}
`;

describe('the published client package', () => {
  it('type-checks a consumer outside the workspace against the packed build alone, with the newest tRPC', () => {
    // Pack exactly what would be published, and unpack it as an installed dependency.
    const packDir = join(consumerDir, 'pack');
    mkdirSync(packDir);
    execFileSync(join(repoRoot, 'pnpmw'), ['pack', '--pack-destination', packDir], { cwd: packageDir, stdio: 'pipe' });
    const tarball = readdirSync(packDir).find((file) => file.endsWith('.tgz'));
    expect(tarball).toBeDefined();
    const installed = join(consumerDir, 'node_modules', '@orgsphere', 'client');
    mkdirSync(installed, { recursive: true });
    execFileSync('tar', ['-xzf', join(packDir, tarball!), '-C', installed, '--strip-components=1']);
    expect(readdirSync(installed).sort()).toEqual(['LICENSE', 'README.md', 'dist', 'package.json']);

    // Only the client's declared dependencies and peers, never the server's source.
    mkdirSync(join(consumerDir, 'node_modules', '@trpc'), { recursive: true });
    for (const name of ['@trpc/client', '@trpc/server']) {
      symlinkSync(installedPackageDir(name), join(consumerDir, 'node_modules', name));
    }
    cpSync(installedPackageDir('typescript'), join(consumerDir, 'node_modules', 'typescript'), { recursive: true });

    writeFileSync(
      join(consumerDir, 'package.json'),
      JSON.stringify({ name: 'consumer', type: 'module', private: true }),
    );
    writeFileSync(join(consumerDir, 'consumer.ts'), consumerSource);
    writeFileSync(
      join(consumerDir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          // tRPC's own declarations use Disposable; consumers need this lib (or skipLibCheck).
          lib: ['ES2022', 'DOM', 'ESNext.Disposable'],
          types: [],
        },
        files: ['consumer.ts'],
      }),
    );

    const tsc = join(consumerDir, 'node_modules', 'typescript', 'bin', 'tsc');
    let output = '';
    try {
      output = execFileSync(process.execPath, [tsc, '-p', consumerDir], { cwd: consumerDir, encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
  });
});
