import { setFlagsFromString } from 'node:v8';

const pretenuringFlag = /^--(no-)?allocation[-_]site[-_]pretenuring$/;

/**
 * Turns off V8's allocation-site pretenuring, unless the command line chose (`node
 * --allocation-site-pretenuring dist/server.js` keeps V8's default).
 *
 * V8 starts allocating a site's objects in old space once nearly all of them survive a
 * scavenge while the young generation is at full size, and the decision sticks. A cold start
 * under load (requests waiting on first database reads while the JIT warms up) can qualify
 * request-scoped sites. From then on those short-lived objects die in old space, the major GC
 * runs every second or so on every core, and the process serves a quarter to a third fewer requests
 * for the rest of its life. `pnpm bench:cold-starts` shows such starts with V8's default (GC
 * threads at 10-12 µs per request instead of about 1), and none without. The API keeps few
 * long-lived objects, so little is lost by copying them once more.
 */
export const tuneRuntime = (execArgv: readonly string[] = process.execArgv) => {
  if (execArgv.some((arg) => pretenuringFlag.test(arg))) return;
  // Read by V8 at each scavenge, so setting it at start-up is as good as the command line.
  setFlagsFromString('--no-allocation-site-pretenuring');
};
