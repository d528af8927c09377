import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';

import { varyAdder, varyWith } from './vary.js';

describe('varyWith', () => {
  it('starts a Vary value, and adds only the fields not listed yet, in any case', () => {
    expect(varyWith(undefined, 'Origin')).toBe('Origin');
    expect(varyWith('', 'trpc-accept, accept')).toBe('trpc-accept, accept');
    expect(varyWith('Origin', 'trpc-accept, accept')).toBe('Origin, trpc-accept, accept');
    expect(varyWith('origin, Accept', 'Origin, trpc-accept, accept')).toBe('origin, Accept, trpc-accept');
    expect(varyWith(['Origin', 'Accept'], 'accept')).toBe('Origin, Accept');
  });

  it('keeps `*` alone and ignores empty fields', () => {
    expect(varyWith('*', 'Origin')).toBe('*');
    expect(varyWith('Origin', '')).toBe('Origin');
    expect(varyWith('Origin', ' , accept')).toBe('Origin, accept');
  });
});

describe('varyAdder', () => {
  it('adds the same fields as varyWith, whatever Vary the reply had', async () => {
    const addTrpcVary = varyAdder('trpc-accept, accept');
    const app = Fastify();
    app.get('/:current', (request, reply) => {
      const { current } = request.params as { current: string };
      if (current !== 'none') void reply.header('vary', current);
      addTrpcVary(reply);
      return reply.send('');
    });
    for (const current of ['none', 'Origin', 'Origin', '*', 'Accept', 'Origin, Accept']) {
      const response = await app.inject({ method: 'GET', url: `/${encodeURIComponent(current)}` });
      expect(response.headers.vary, current).toBe(
        varyWith(current === 'none' ? undefined : current, 'trpc-accept, accept'),
      );
    }
    await app.close();
  });
});
