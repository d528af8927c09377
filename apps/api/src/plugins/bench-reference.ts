import type { FastifyInstance } from 'fastify';

/** Shaped and sized like an `org.get` answer, so the comparison is about the stack, not the payload. */
export const referenceOrganization = {
  organization_id: '0b6f0a8e-5d1c-4a4e-9c1b-2f7d3e8a9b10',
  organization_name: 'Bench Reference Org',
  slug: 'bench_reference_org',
  collection_name: 'org_bench_reference_org',
  admin_id: '5d1c0b6f-0a8e-4a4e-9c1b-2f7d3e8a9b10',
  admin_email: 'admin@bench-reference.test',
  created_at: '2026-11-23T10:00:00.000Z',
  updated_at: '2026-11-23T10:00:00.000Z',
};

/**
 * The reference body behind every hook and plugin of the app: `pnpm bench` compares it
 * with the same body from a bare Fastify process (bench/reference-server.ts), which
 * shows what the pipeline itself costs. Registered only when BENCH_REFERENCE_ROUTE=1.
 */
export const benchReferenceRoute = async (app: FastifyInstance) => {
  app.get('/__bench/reference', async () => referenceOrganization);
};
