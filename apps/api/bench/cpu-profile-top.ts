import { readFileSync } from 'node:fs';

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
};
type CpuProfile = { nodes: ProfileNode[]; samples: number[] };

export type ProfileEntry = { name: string; selfPercent: number };

/** "node_modules/.pnpm/fastify@5.12.8/node_modules/fastify/lib/reply.js" -> "fastify/lib/reply.js". */
const shortLocation = (url: string) => {
  const path = url.replace(/^file:\/\//, '');
  const inModules = path.lastIndexOf('node_modules/');
  if (inModules >= 0) return path.slice(inModules + 'node_modules/'.length);
  const inDist = path.indexOf('/dist/');
  return inDist >= 0 ? path.slice(inDist + 1) : (path.split('/').at(-1) ?? path);
};

/**
 * Self time per function (samples where it was on top of the stack), summed over every
 * node with the same name and location, largest first: what `--cpu-prof` says costs.
 */
const nameOf = ({ callFrame: { functionName, url, lineNumber } }: ProfileNode) =>
  url ? `${functionName || '(anonymous)'} ${shortLocation(url)}:${lineNumber + 1}` : functionName;

export const topSelfTime = (file: string, count: number): ProfileEntry[] => {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const total = profile.samples.length;
  const byName = new Map<string, number>();
  for (const node of profile.nodes) byName.set(nameOf(node), (byName.get(nameOf(node)) ?? 0) + (node.hitCount ?? 0));
  return [...byName]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, hits]) => ({ name, selfPercent: Number(((100 * hits) / total).toFixed(1)) }));
};

/** "helmet/index.cjs" -> "helmet", "@fastify/cors/index.js" -> "@fastify/cors"; V8's own entries stay as they are. */
const packageOf = (url: string, functionName: string) => {
  if (!url) return functionName;
  if (url.startsWith('node:')) return 'node (internals)';
  const location = shortLocation(url);
  if (location.startsWith('dist/')) return 'OrgSphere (dist/server.js)';
  const [scope = '', name = ''] = location.split('/');
  return scope.startsWith('@') ? `${scope}/${name}` : scope;
};

/** The same samples summed per npm package (or V8 entry such as "(garbage collector)"). */
export const selfTimeByPackage = (file: string, count: number): ProfileEntry[] => {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const total = profile.samples.length;
  const byPackage = new Map<string, number>();
  for (const node of profile.nodes) {
    const name = packageOf(node.callFrame.url, node.callFrame.functionName);
    byPackage.set(name, (byPackage.get(name) ?? 0) + (node.hitCount ?? 0));
  }
  return [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, hits]) => ({ name, selfPercent: Number(((100 * hits) / total).toFixed(1)) }));
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
