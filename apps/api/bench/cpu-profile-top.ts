import { readFileSync } from 'node:fs';

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
};
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number };

export type ProfileEntry = { name: string; selfPercent: number };

/** "node_modules/.pnpm/fastify@5.12.8/node_modules/fastify/lib/reply.js" -> "fastify/lib/reply.js". */
const shortLocation = (url: string) => {
  const path = url.replace(/^file:\/\//, '');
  const inModules = path.lastIndexOf('node_modules/');
  if (inModules >= 0) return path.slice(inModules + 'node_modules/'.length);
  const inDist = path.indexOf('/dist/');
  return inDist >= 0 ? path.slice(inDist + 1) : (path.split('/').at(-1) ?? path);
};

/** A function as the tables name it: entries with the same name and location are summed. */
const nameOf = ({ callFrame: { functionName, url, lineNumber } }: ProfileNode) =>
  url ? `${functionName || '(anonymous)'} ${shortLocation(url)}:${lineNumber + 1}` : functionName;

/** "helmet/index.cjs" -> "helmet", "@fastify/cors/index.js" -> "@fastify/cors"; V8's own entries stay as they are. */
const packageOf = (url: string, functionName: string) => {
  if (!url) return functionName;
  if (url.startsWith('node:')) return 'node (internals)';
  // Outside node_modules, only the bundle itself (dist/, or an earlier build's copy) runs.
  if (!url.includes('node_modules/')) return 'OrgSphere (the bundle)';
  const location = shortLocation(url);
  const [scope = '', name = ''] = location.split('/');
  return scope.startsWith('@') ? `${scope}/${name}` : scope;
};

/**
 * Inclusive time per function: the share of samples with it anywhere on the stack (counted
 * once per sample, however often it recurs), largest first: what a part costs with all it calls.
 */
export const topInclusiveTime = (file: string, count: number): ProfileEntry[] => {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const total = profile.samples.length;
  const parentOf = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node);
  const byName = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    const onStack = new Set<string>();
    for (let at: ProfileNode | undefined = node; at; at = parentOf.get(at.id)) onStack.add(nameOf(at));
    for (const name of onStack) byName.set(name, (byName.get(name) ?? 0) + hits);
  }
  return [...byName]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, hits]) => ({ name, selfPercent: Number(((100 * hits) / total).toFixed(1)) }));
};

/** A stretch of the profile (monotonic clock, µs) in which `requests` requests were served. */
export type LoadWindow = { startMicros: number; endMicros: number; requests: number };
export type CostEntry = { name: string; microsPerRequest: number };

/**
 * Self time per request inside one load window, by function and by package: the sampled
 * time of each entry divided by the requests served meanwhile. Unlike shares of a whole
 * profile, these figures can be compared between builds and routes (within one machine's
 * noise); the profiler's own overhead inflates small functions alike in both.
 */
export const costPerRequest = (file: string, window: LoadWindow, count: number) => {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let sampled = 0;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i += 1) {
    at += profile.timeDeltas[i] ?? 0;
    if (at < window.startMicros || at > window.endMicros) continue;
    // A sample stands for the time until the next one.
    const micros = profile.timeDeltas[i + 1] ?? 0;
    const node = byId.get(profile.samples[i]!);
    if (!node) continue;
    sampled += micros;
    const name = nameOf(node);
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
    const pkg = packageOf(node.callFrame.url, node.callFrame.functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
  }
  const top = (totals: Map<string, number>): CostEntry[] =>
    [...totals]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, micros]) => ({ name, microsPerRequest: micros / window.requests }));
  return { sampledMicrosPerRequest: sampled / window.requests, functions: top(byFunction), packages: top(byPackage) };
};
