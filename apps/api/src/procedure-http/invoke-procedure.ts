// The one import of tRPC internals (see verified-versions.ts).
import {
  getParseFn,
  getTRPCErrorFromUnknown,
  isObject,
  middlewareMarker,
  TRPCError,
  type AnyMiddlewareFunction,
  type AnyProcedure,
  type ProcedureCallOptions,
} from '@trpc/server/unstable-core-do-not-import';

type CallOptions = ProcedureCallOptions<unknown>;
type NextOptions =
  { ctx?: Record<string, unknown>; input?: unknown; getRawInput?: CallOptions['getRawInput'] } | undefined;
type MiddlewareResult = Awaited<ReturnType<AnyMiddlewareFunction>>;
type Middleware = (options: Level) => Promise<MiddlewareResult>;
type Parse = (value: unknown) => unknown;

/**
 * What a middleware receives: tRPC's options at one level of the chain. One class, so every
 * level is one allocation of one shape; tRPC's build copies the options key by key with a
 * helper, twice per level, and even native spreads of them cost more than a cached read.
 */
class Level {
  readonly type: CallOptions['type'];
  readonly path: string;
  readonly signal: CallOptions['signal'];
  readonly batchIndex: number;
  readonly meta: unknown;
  constructor(
    readonly ctx: unknown,
    readonly input: unknown,
    readonly getRawInput: CallOptions['getRawInput'],
    call: Call,
    readonly next: (nextOptions?: NextOptions) => Promise<MiddlewareResult>,
  ) {
    this.type = call.options.type;
    this.path = call.options.path;
    this.signal = call.options.signal;
    this.batchIndex = call.options.batchIndex;
    this.meta = call.meta;
  }
}

type Call = { options: CallOptions; meta: unknown; chain: readonly Middleware[] };

/** tRPC's input validator (createInputMiddleware), with native spreads. */
const inputValidator =
  (parse: Parse): Middleware =>
  async (options) => {
    const rawInput = await options.getRawInput();
    let parsedInput: unknown;
    try {
      const parsed = parse(rawInput);
      parsedInput = parsed instanceof Promise ? await parsed : parsed;
    } catch (cause) {
      throw new TRPCError({ code: 'BAD_REQUEST', cause });
    }
    const combinedInput =
      isObject(options.input) && isObject(parsedInput) ? { ...options.input, ...parsedInput } : parsedInput;
    return options.next({ input: combinedInput });
  };

/** tRPC's output validator (createOutputMiddleware), with native spreads. */
const outputValidator =
  (parse: Parse): Middleware =>
  async ({ next }) => {
    const result = await next();
    if (!result.ok) return result;
    try {
      const parsed = parse(result.data);
      const data: unknown = parsed instanceof Promise ? await parsed : parsed;
      return { ...result, data };
    } catch (cause) {
      throw new TRPCError({ message: 'Output validation failed', code: 'INTERNAL_SERVER_ERROR', cause });
    }
  };

/** tRPC's last middleware (createResolver's resolveMiddleware). */
const resolverStep =
  (resolver: (options: Level) => unknown): Middleware =>
  async (options) => ({ marker: middlewareMarker, ok: true, data: await resolver(options), ctx: options.ctx });

type ProcedureDef = {
  middlewares: Array<AnyMiddlewareFunction & { _type?: string; name?: string }>;
  meta: unknown;
  inputs: unknown[];
  output?: unknown;
  resolver?: (options: Level) => unknown;
};

/**
 * A procedure's middleware chain with tRPC's own steps (input and output validation, the
 * resolver call) replaced by the equivalents above; the app's middlewares run as they are.
 * tRPC marks its validators with `_type`, keeps every input parser in order and the one output
 * parser it allows, and appends the resolver step last.
 */
const chainOf = (def: ProcedureDef): readonly Middleware[] => {
  let inputIndex = 0;
  const last = def.middlewares.length - 1;
  return def.middlewares.map((middleware, index): Middleware => {
    if (middleware._type === 'input') return inputValidator(getParseFn(def.inputs[inputIndex++] as never));
    if (middleware._type === 'output' && def.output) return outputValidator(getParseFn(def.output as never));
    if (index === last && middleware.name === 'resolveMiddleware' && def.resolver) return resolverStep(def.resolver);
    return middleware;
  });
};

const chains = new WeakMap<AnyProcedure, readonly Middleware[]>();

const callAt = async (
  call: Call,
  index: number,
  ctx: unknown,
  input: unknown,
  getRawInput: CallOptions['getRawInput'],
): Promise<MiddlewareResult> => {
  try {
    return await call.chain[index]!(
      new Level(ctx, input, getRawInput, call, (nextOptions?: NextOptions) =>
        callAt(
          call,
          index + 1,
          nextOptions?.ctx ? { ...(ctx as object), ...nextOptions.ctx } : ctx,
          nextOptions && 'input' in nextOptions ? nextOptions.input : input,
          nextOptions?.getRawInput ?? getRawInput,
        ),
      ),
    );
  } catch (cause) {
    return { ok: false, error: getTRPCErrorFromUnknown(cause), marker: middlewareMarker };
  }
};

/**
 * Calls a procedure exactly as calling it does (tRPC's `callRecursive`: the same options at
 * every middleware level, the same results, the same error when a middleware forgets
 * `next()`), without tRPC's per-level object copies. The hosting tests compare every
 * answer with the stock adapters'.
 */
export const invokeProcedure = async (procedure: AnyProcedure, options: CallOptions): Promise<unknown> => {
  let chain = chains.get(procedure);
  if (!chain) {
    chain = chainOf(procedure._def as unknown as ProcedureDef);
    chains.set(procedure, chain);
  }
  const def = procedure._def as unknown as ProcedureDef;
  const call: Call = { options, meta: def.meta, chain };
  const result = await callAt(call, 0, options.ctx, options.input, options.getRawInput);
  if (!result) {
    throw new TRPCError({
      code: 'INTERNAL_SERVER_ERROR',
      message: 'No result from middlewares - did you forget to `return next()`?',
    });
  }
  if (!result.ok) throw result.error;
  return result.data;
};
