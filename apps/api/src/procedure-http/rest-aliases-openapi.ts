import type { OpenAPIObject } from 'trpc-to-openapi';

import type { RestAlias } from './rest-face.js';

type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  [key: string]: unknown;
};
type Parameter = { name: string; in: string; schema?: unknown; description?: string };

/** A JSON body with the operation's query parameters, none required (either place may carry them). */
const bodyFromQuery = (parameters: Parameter[], description: string) => ({
  required: false,
  description,
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: Object.fromEntries(parameters.filter((p) => p.in === 'query').map((p) => [p.name, p.schema ?? {}])),
      },
    },
  },
});

/**
 * The document with each alias as a deprecated copy of the operation it stands for,
 * and DELETE operations' optional JSON body (the original service's clients send one).
 */
export const describeRestAliases = (document: OpenAPIObject, aliases: readonly RestAlias[]): OpenAPIObject => {
  const paths = structuredClone(document.paths ?? {}) as Record<string, Record<string, Operation>>;
  for (const item of Object.values(paths)) {
    const remove = item.delete;
    if (remove?.parameters) {
      item.delete = {
        ...remove,
        requestBody: bodyFromQuery(
          remove.parameters,
          'Optional, for clients of the original service: the query parameters as JSON. A field given in both places must have the same value.',
        ),
      };
    }
  }
  for (const alias of aliases) {
    const item = paths[alias.path];
    const original = item?.[alias.aliasOf.toLowerCase()];
    if (!item || !original)
      throw new Error(`REST alias ${alias.method} ${alias.path}: no ${alias.aliasOf} operation to describe`);
    item[alias.method.toLowerCase()] = {
      ...original,
      operationId: `${original.operationId ?? alias.path}-${alias.method.toLowerCase()}-alias`,
      summary: `${original.summary ?? ''} (deprecated alias of ${alias.aliasOf} ${alias.path})`.trim(),
      description: `Kept for clients of the original service; use ${alias.aliasOf} ${alias.path}.`,
      deprecated: true,
    };
  }
  return { ...document, paths };
};
