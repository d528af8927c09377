import { appendFile, cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { hashToolSources } from '../../src/local-server/build-tool.js';
import { findRepoRoot } from '../../src/local-server/index.js';

// The binary in .cache/local-mongo is named by this hash: a patch to FerretDB that did not
// change it would leave every machine running the server built without the patch.
let toolDir: string;

beforeEach(async () => {
  toolDir = join(await mkdtemp(join(tmpdir(), 'local-mongo-hash-')), 'local-mongo');
  await cp(join(findRepoRoot(), 'tools', 'local-mongo'), toolDir, { recursive: true });
});

afterEach(async () => {
  await rm(join(toolDir, '..'), { recursive: true, force: true });
});

const sqliteOverlay = ['_overlay', 'ferretdb', 'internal', 'backends', 'sqlite'];

describe('the local server binary is rebuilt when what it is built from changes', () => {
  it('changes with a patched FerretDB file', async () => {
    const before = await hashToolSources(toolDir);
    await appendFile(join(toolDir, ...sqliteOverlay, 'pushdown.go'), '\n// changed\n');
    expect(await hashToolSources(toolDir)).not.toBe(before);
  });

  it('changes with a new patched FerretDB file', async () => {
    const before = await hashToolSources(toolDir);
    await writeFile(join(toolDir, ...sqliteOverlay, 'added.go'), 'package sqlite\n');
    expect(await hashToolSources(toolDir)).not.toBe(before);
  });

  it('stays the same for documentation and tests', async () => {
    const before = await hashToolSources(toolDir);
    await appendFile(join(toolDir, '_overlay', 'README.md'), '\nmore words\n');
    await writeFile(join(toolDir, ...sqliteOverlay, 'pushdown_test.go'), 'package sqlite\n');
    expect(await hashToolSources(toolDir)).toBe(before);
  });
});
