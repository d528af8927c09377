import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { requirePrerequisite } from '@orgsphere/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { loadEnv } from '../../src/env.js';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));
const jwtSecret = 'compose-test-secret-0123456789-0123456789';

/**
 * docker-compose 1.29 (a Debian package) validates a file without a Docker daemon. Tests never
 * install system packages: .ci/run installs it before the tests, as the README says.
 */
const composeAvailable = requirePrerequisite(
  await run('sh', ['-c', 'command -v docker-compose']).then(
    () => true,
    () => false,
  ),
  {
    what: 'docker-compose',
    neededBy: 'the docker-compose.yml validation',
    fix: 'apt-get install docker-compose, or run .ci/run',
  },
);

describe.runIf(composeAvailable)('docker-compose.yml, checked by `docker-compose config`', () => {
  type Service = {
    image?: string;
    build?: { context: string; dockerfile: string };
    command?: string[];
    environment?: Record<string, string>;
    ports?: unknown[];
    volumes?: unknown[];
    depends_on?: Record<string, { condition: string }>;
    healthcheck?: { test: string[] };
  };
  let services: Record<string, Service>;

  beforeAll(async () => {
    const { stdout } = await run('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', JWT_SECRET: jwtSecret, WEBHOOK_SECRETS_KEY: jwtSecret },
    });
    services = (parse(stdout) as { services: Record<string, Service> }).services;
  }, 60_000);

  it('refuses to render without JWT_SECRET', async () => {
    const failure = await run('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', WEBHOOK_SECRETS_KEY: jwtSecret },
    }).catch((error: { stderr: string }) => error);
    expect('stderr' in failure ? failure.stderr : '').toContain('JWT_SECRET');
  });

  it('runs MongoDB 7 as a single-node replica set that initiates itself, and Redis', () => {
    expect(services.mongo?.image).toBe('mongo:7');
    expect(services.mongo?.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    expect(services.mongo?.healthcheck?.test.join(' ')).toContain('rs.initiate');
    expect(services.redis?.image).toMatch(/^redis:7/);
  });

  it('runs two API replicas from the Dockerfile, with an environment the API accepts in production', () => {
    const replicas = Object.entries(services).filter(([, service]) => service.build?.dockerfile === 'Dockerfile');
    expect(replicas.map(([name]) => name).sort()).toEqual(['api-1', 'api-2']);
    for (const [, service] of replicas) {
      const env = loadEnv(service.environment ?? {});
      expect(env.NODE_ENV).toBe('production');
      expect(env.MONGO_URI).toContain('replicaSet=rs0');
      expect(env.REDIS_URL).toBe('redis://redis:6379');
      expect(env.TRUST_PROXY_HOPS).toBe(1);
      expect(service.depends_on?.mongo?.condition).toBe('service_healthy');
      expect(service.depends_on?.redis?.condition).toBe('service_healthy');
      // Only the proxy is published.
      expect(service.ports).toBeUndefined();
      // The console the image carries, where invitation links point.
      expect(env.CONSOLE_DIR).toBe('/app/console');
      expect(env.PUBLIC_APP_URL).toBe('http://localhost:8000/console');
    }
  });

  it('puts a reverse proxy in front of both replicas', async () => {
    const proxy = services.proxy!;
    expect(proxy.image).toMatch(/^nginx:/);
    expect(Object.keys(proxy.depends_on ?? {}).sort()).toEqual(['api-1', 'api-2']);
    expect(JSON.stringify(proxy.volumes)).toContain('deploy/nginx/orgsphere.conf');
    const config = await readFile(join(repoRoot, 'deploy/nginx/orgsphere.conf'), 'utf8');
    expect(config).toMatch(/server api-1:8000/);
    expect(config).toMatch(/server api-2:8000/);
  });
});

describe('Dockerfile', () => {
  let dockerfile: string;
  beforeAll(async () => {
    dockerfile = await readFile(join(repoRoot, 'Dockerfile'), 'utf8');
  });

  it('is multi-stage, runs as a non-root user and has a HEALTHCHECK on /health', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK [\s\S]*\/health/m);
    expect(dockerfile).toMatch(/^CMD \["node", "--enable-source-maps", "dist\/server\.js"\]$/m);
  });

  it('builds with exactly the commands CI runs: a frozen install and deploy/build-api.sh', async () => {
    const runs = [...dockerfile.matchAll(/^RUN (.+)$/gm)].map((match) => match[1]);
    expect(runs).toEqual(['./pnpmw install --frozen-lockfile', 'deploy/build-api.sh /out']);
    // built-server.test.ts runs the same script; pnpmw installs with --frozen-lockfile under CI.
    const builtServerTest = await readFile(join(repoRoot, 'apps/api/test/deploy/built-server.test.ts'), 'utf8');
    expect(builtServerTest).toContain("'deploy/build-api.sh'");
    expect(await readFile(join(repoRoot, 'pnpmw'), 'utf8')).toContain('--frozen-lockfile');
  });

  it('carries the built console that deploy/build-api.sh writes, and serves it under /console', async () => {
    expect(dockerfile).toMatch(/^COPY --from=build --chown=node:node \/out\/console \.\/console$/m);
    expect(dockerfile).toMatch(/^ENV CONSOLE_DIR=\/app\/console$/m);
    const script = await readFile(join(repoRoot, 'deploy/build-api.sh'), 'utf8');
    expect(script).toContain('cp -R apps/web/dist "$out/console"');
  });

  it('copies every workspace manifest before the frozen install', async () => {
    const copied = [...dockerfile.matchAll(/^COPY (\S+\/package\.json) /gm)].map((match) => match[1]);
    const workspaces = ['apps', 'packages'].flatMap((group) =>
      readdirSync(join(repoRoot, group), { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(join(repoRoot, group, entry.name, 'package.json')))
        .map((entry) => `${group}/${entry.name}/package.json`),
    );
    expect(copied.sort()).toEqual(workspaces.sort());
  });
});
