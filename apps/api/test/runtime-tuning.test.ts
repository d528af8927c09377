import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

const apiDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * Runs, in a fresh node with V8's pretenuring trace on, the pattern V8 pretenures: objects
 * from one allocation site that all stay alive while the young generation fills up. Each
 * round makes a new site (a new function), so V8 gets a dozen chances to decide; one alone
 * is decided only some of the time. Returns how many sites V8 decided to tenure.
 */
const tenureDecisions = async (nodeArgs: string[], tune: boolean) => {
  const script = `
    ${tune ? "const { tuneRuntime } = await import('./src/runtime-tuning.ts'); tuneRuntime();" : ''}
    let kept = [];
    for (let round = 0; round < 12; round++) {
      const make = new Function('i', 'return { index: i, round: ' + round + ', payload: [i, i + 1, i + 2] }');
      kept = [];
      for (let i = 0; i < 1_000_000; i++) kept.push(make(i));
    }
    console.log('kept', kept.length);
  `;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      ...nodeArgs,
      '--trace-pretenuring',
      '--trace-pretenuring-statistics',
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      script,
    ],
    { cwd: apiDir, env: { PATH: process.env.PATH ?? '' }, maxBuffer: 64 * 1024 * 1024 },
  );
  expect(stdout).toContain('kept 1000000');
  return stdout.split('\n').filter((line) => line.includes('=> tenure')).length;
};

describe('tuneRuntime (allocation-site pretenuring off)', () => {
  it('stops V8 from tenuring the sites it tenures by default', async () => {
    expect(await tenureDecisions([], false)).toBeGreaterThan(0);
    expect(await tenureDecisions([], true)).toBe(0);
  });

  it('leaves an explicit --allocation-site-pretenuring on the command line alone', async () => {
    expect(await tenureDecisions(['--allocation-site-pretenuring'], true)).toBeGreaterThan(0);
  });
});
