import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';

import { startFerretDb } from '../../src/local-server/index.js';
import { eventually, isGone, tryConnect } from './process-helpers.js';

const here = dirname(fileURLToPath(import.meta.url));

const portOf = (uri: string): number => Number(new URL(uri).port);

const ping = async (uri: string): Promise<unknown> => {
  const client = new MongoClient(uri);
  try {
    return await client.db('admin').command({ ping: 1 });
  } finally {
    await client.close();
  }
};

describe('local server lifecycle', () => {
  it('stop() ends the process, frees the port and removes the temporary data dir', async () => {
    const server = await startFerretDb();
    const pid = server.pid!;
    expect(await ping(server.uri)).toMatchObject({ ok: 1 });

    await server.stop();

    expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
    expect(await tryConnect(portOf(server.uri))).toBe('ECONNREFUSED');
    expect(existsSync(server.dataDir!)).toBe(false);
    await server.stop(); // idempotent
  });

  it('two servers started at once get different ports and data dirs', async () => {
    const [a, b] = await Promise.all([startFerretDb(), startFerretDb()]);
    try {
      expect(portOf(a.uri)).not.toBe(portOf(b.uri));
      expect(a.dataDir).not.toBe(b.dataDir);
      expect(await ping(a.uri)).toMatchObject({ ok: 1 });
      expect(await ping(b.uri)).toMatchObject({ ok: 1 });
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('a server whose parent is SIGKILLed exits and frees its port', async () => {
    const parent = spawn(process.execPath, ['--import', 'tsx', join(here, 'fixtures', 'start-server-child.ts')], {
      cwd: join(here, '..', '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: parent.stdout }).once('line', resolve);
      parent.once('exit', (code) => reject(new Error(`fixture exited early (${code})`)));
    });
    const started = JSON.parse(line) as { pid: number; port: number; dataDir: string };
    expect(isGone(started.pid)).toBe(false);
    expect(await tryConnect(started.port)).toBe('connected');

    parent.kill('SIGKILL');

    expect(await eventually(() => isGone(started.pid))).toBe(true);
    expect(await tryConnect(started.port)).toBe('ECONNREFUSED');
    expect(await eventually(() => !existsSync(started.dataDir))).toBe(true);
  });
});
