import type { FastifyReply } from 'fastify';

/**
 * A Vary value with `fields` (comma-separated) added to `current`, each only if it is not
 * listed already and `*` is not: several parts of the pipeline vary an answer (CORS by
 * Origin, tRPC by its Accept headers), and a cache must see all of them.
 */
export const varyWith = (current: string | number | string[] | undefined, fields: string): string => {
  if (current === undefined || current === '') return fields;
  const value = Array.isArray(current) ? current.join(', ') : String(current);
  const listed = value.split(',').map((token) => token.trim().toLowerCase());
  if (listed.includes('*')) return value;
  let merged = value;
  for (const field of fields.split(',')) {
    const name = field.trim();
    if (name !== '' && !listed.includes(name.toLowerCase())) {
      merged = `${merged}, ${name}`;
      listed.push(name.toLowerCase());
    }
  }
  return merged;
};

/**
 * Adds fixed `fields` to a reply's Vary header (see varyWith). It runs on every request, so
 * the merged value is remembered per value found (our own hooks set only a few: `Origin`,
 * `*`) instead of splitting it again each time.
 */
export const varyAdder = (fields: string): ((reply: FastifyReply) => void) => {
  const merged = new Map<string, string>();
  return (reply) => {
    const current = reply.getHeader('vary');
    if (typeof current !== 'string') {
      void reply.header('vary', varyWith(current, fields));
      return;
    }
    let value = merged.get(current);
    if (value === undefined) {
      value = varyWith(current, fields);
      if (merged.size < 16) merged.set(current, value);
    }
    void reply.header('vary', value);
  };
};
