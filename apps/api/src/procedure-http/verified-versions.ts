/**
 * The library versions this module's answers were checked against. It copies tRPC's
 * `callRecursive` (invoke-procedure.ts), reads `router._def`, and repeats what
 * trpc-to-openapi's handler does per request (rest-face.ts); neither is public API.
 * test/procedure-http-versions.test.ts fails when the installed versions differ.
 *
 * To bump: diff `callRecursive` in @trpc/server's procedureBuilder and
 * trpc-to-openapi's `adapters/node-http/core` against ours, run the hosting tests
 * (they compare every answer with the stock adapters), then update these and the
 * exact pins in pnpm-workspace.yaml and apps/api/package.json.
 */
export const verifiedVersions = {
  '@trpc/server': '11.25.2',
  '@trpc/client': '11.25.2',
  'trpc-to-openapi': '3.3.0',
} as const;
