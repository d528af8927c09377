import type { OpenAPIObject } from 'trpc-to-openapi';

const organizationName = {
  name: 'organization_name',
  in: 'query',
  required: true,
  schema: { type: 'string' },
  description: 'The organization (your active one; owners only)',
};
const archive = { 'application/gzip': { schema: { type: 'string', format: 'binary' } } };
const archiveDescription =
  'gzip of NDJSON in canonical Extended JSON v2: header, organization, members, invitations, audit events, documents';
const error = (description: string) => ({ description });

/**
 * The archive routes are plain Fastify routes (a procedure answers one value, not a stream),
 * so the generator does not see them: described here, with the same bearer security as the
 * protected procedures.
 */
export const describeArchiveRoutes = (document: OpenAPIObject, security: unknown): OpenAPIObject => ({
  ...document,
  paths: { ...document.paths, ...(archivePaths(security) as OpenAPIObject['paths']) },
});

const archivePaths = (security: unknown) => ({
  '/org/export': {
    get: {
      operationId: 'org-export',
      tags: ['organization'],
      summary: 'Export the organization as a streamed archive (owners: org.export)',
      security,
      parameters: [organizationName],
      responses: {
        200: { description: archiveDescription, content: archive },
        401: error('No valid access token'),
        403: error('Not an owner of this organization, or it is suspended'),
        404: error('No such organization'),
      },
    },
  },
  '/org/import': {
    post: {
      operationId: 'org-import',
      tags: ['organization'],
      summary: 'Restore the documents of an archive into an empty organization (owners: org.import)',
      security,
      parameters: [organizationName],
      requestBody: { required: true, description: archiveDescription, content: archive },
      responses: {
        200: {
          description: 'Imported',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { message: { type: 'string' }, documents: { type: 'integer' } },
                required: ['message', 'documents'],
              },
            },
          },
        },
        400: error('Not an archive (content type, gzip, header or a line)'),
        401: error('No valid access token'),
        403: error('Not an owner of this organization, or it is suspended'),
        409: error('ORG_NOT_EMPTY: the organization already holds documents'),
      },
    },
  },
});
