import { initTRPC, TRPCError, type AnyProcedure } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { invokeProcedure } from '../src/procedure-http/invoke-procedure.js';

// invokeProcedure replaces tRPC's own validator and resolver steps with native ones; tRPC's
// caller is the oracle: every call below must end the same way through both.
type Context = { requestId: string; seen?: string[] };
const t = initTRPC.context<Context>().meta<{ tag: string }>().create();

const record = t.middleware(({ ctx, meta, path, type, next }) =>
  next({ ctx: { seen: [...(ctx.seen ?? []), `${meta?.tag ?? '-'}:${path}:${type}`] } }),
);
const base = t.procedure.use(record);

const router = t.router({
  merged: base
    .meta({ tag: 'merged' })
    .input(z.object({ a: z.string() }))
    .input(z.object({ b: z.number() }))
    .query(({ input, ctx }) => ({ input, seen: ctx.seen, requestId: ctx.requestId })),
  coerced: base
    .input(z.object({ n: z.coerce.number().int() }))
    .output(z.object({ doubled: z.number(), extra: z.string().default('filled') }))
    .query(({ input }) => ({ doubled: input.n * 2 })),
  asyncRefine: base
    .input(z.string().refine(async (value) => value.startsWith('ok'), 'must start with ok'))
    .mutation(({ input }) => input.toUpperCase()),
  badOutput: base.output(z.object({ id: z.string() })).query(() => ({ id: 42 }) as unknown as { id: string }),
  throws: base.query(() => {
    throw new TRPCError({ code: 'CONFLICT', message: 'taken' });
  }),
  throwsPlain: base.query(() => {
    throw new Error('boom');
  }),
  forgetsNext: t.procedure.use(async () => undefined as never).query(() => 'never'),
  rewritesInput: base
    .use(({ next }) => next({ input: { a: 'from middleware' } }))
    .input(z.object({ a: z.string() }))
    .query(({ input }) => input),
  noInput: base.query(({ input }) => ({ input: input ?? null })),
});

const procedures = router._def.procedures as unknown as Record<string, AnyProcedure>;
const caller = t.createCallerFactory(router);

type Ending = { ok: true; data: unknown } | { ok: false; code: string; message: string; cause: string | undefined };
const ending = async (run: () => Promise<unknown>): Promise<Ending> => {
  try {
    return { ok: true, data: await run() };
  } catch (error) {
    const trpcError = error as TRPCError;
    return {
      ok: false,
      code: trpcError.code,
      message: trpcError.message,
      cause: trpcError.cause ? String(trpcError.cause.constructor.name) : undefined,
    };
  }
};

const viaInvoke = (path: string, type: 'query' | 'mutation', input: unknown) =>
  ending(() =>
    invokeProcedure(procedures[path]!, {
      path,
      type,
      ctx: { requestId: 'r-1' },
      getRawInput: async () => input,
      input: undefined,
      signal: undefined,
      batchIndex: 0,
    }),
  );
const viaCaller = (path: string, input: unknown) =>
  ending(() => {
    const proxy = caller({ requestId: 'r-1' }) as unknown as Record<string, (value: unknown) => Promise<unknown>>;
    return proxy[path]!(input);
  });

const cases: Array<[string, 'query' | 'mutation', unknown]> = [
  ['merged', 'query', { a: 'x', b: 1 }],
  ['merged', 'query', { a: 'x' }],
  ['merged', 'query', 'not an object'],
  ['coerced', 'query', { n: '21' }],
  ['coerced', 'query', { n: '2.5' }],
  ['asyncRefine', 'mutation', 'ok then'],
  ['asyncRefine', 'mutation', 'nope'],
  ['badOutput', 'query', undefined],
  ['throws', 'query', undefined],
  ['throwsPlain', 'query', undefined],
  ['forgetsNext', 'query', undefined],
  ['rewritesInput', 'query', { a: 'from caller' }],
  ['noInput', 'query', undefined],
];

describe('invokeProcedure', () => {
  it.each(cases)('%s (%s, input %j) ends as tRPC’s own caller ends', async (path, type, input) => {
    const expected = await viaCaller(path, input);
    expect(await viaInvoke(path, type, input)).toEqual(expected);
  });

  it('covers both endings: the cases above include successes and each kind of failure', async () => {
    const endings = await Promise.all(cases.map(([path, type, input]) => viaInvoke(path, type, input)));
    const codes = new Set(endings.map((result) => (result.ok ? 'OK' : result.code)));
    expect(codes).toEqual(new Set(['OK', 'BAD_REQUEST', 'INTERNAL_SERVER_ERROR', 'CONFLICT']));
  });
});
