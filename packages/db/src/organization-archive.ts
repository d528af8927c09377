import { AppError, type ImportReport, type Organization, type OrganizationArchive } from '@orgsphere/core';
import { BSON, type Db, type Document } from 'mongodb';

import {
  auditEventsCollection,
  invitationsCollection,
  membershipsCollection,
  organizationsCollection,
  usersCollection,
} from './collections.js';
import { withDriverErrors } from './driver-errors.js';

const format = 'orgsphere-organization-archive';
const formatVersion = 1;
/**
 * Documents per cursor batch and per insert, lines per chunk yielded on export: large enough
 * for few round trips, small enough that export and import together hold a few MiB in flight.
 */
const batchSize = 500;

/** Canonical Extended JSON v2 keeps every BSON type (Int32 vs Int64 vs Double, dates, binaries...). */
const line = (value: Document) => `${BSON.EJSON.stringify(value, { relaxed: false })}\n`;

async function* inChunks(lines: AsyncIterable<string>): AsyncIterable<string> {
  let chunk = '';
  let count = 0;
  for await (const text of lines) {
    chunk += text;
    count += 1;
    if (count === batchSize) {
      yield chunk;
      chunk = '';
      count = 0;
    }
  }
  if (chunk) yield chunk;
}

const invalidLine = (number: number, reason: string) =>
  new AppError('VALIDATION_FAILED', `Archive line ${number}: ${reason}`, { field: 'archive', line: number });

/** Reads cursors batch by batch, so memory holds one batch of a tenant at a time. */
export const createOrganizationArchive = (db: Db): OrganizationArchive => {
  async function* records(organization: Organization): AsyncIterable<string> {
    yield line({ kind: 'header', format, version: formatVersion, exported_at: new Date() });
    // The restore token's hash is a credential: it stays behind.
    const record = await organizationsCollection(db).findOne(
      { _id: organization.id },
      { projection: { restore_token_hash: 0 } },
    );
    if (record) yield line({ kind: 'organization', record });
    // Members as who they are here: never a password hash nor a session version.
    const memberships = membershipsCollection(db)
      .find({ organization_id: organization.id, state: { $ne: 'removing' } })
      .sort({ created_at: 1 });
    for await (const membership of memberships) {
      const user = await usersCollection(db).findOne(
        { _id: membership.user_id },
        { projection: { email: 1, display_name: 1 } },
      );
      yield line({
        kind: 'member',
        record: {
          user_id: membership.user_id,
          email: user?.email ?? null,
          display_name: user?.display_name ?? null,
          role: membership.role,
          joined_at: membership.created_at,
        },
      });
    }
    // An invitation's token hash is a credential: it stays behind.
    const invitations = invitationsCollection(db).find(
      { organization_id: organization.id },
      { projection: { token_hash: 0 } },
    );
    for await (const invitation of invitations) yield line({ kind: 'invitation', record: invitation });
    const audit = auditEventsCollection(db).find({ organization_id: organization.id }).sort({ _id: 1 });
    for await (const event of audit) yield line({ kind: 'audit', record: event });
    const documents = db.collection(organization.collectionName).find({}, { batchSize });
    for await (const document of documents) yield line({ kind: 'document', document });
  }

  return {
    exportLines: (organization) => inChunks(records(organization)),

    isTenantEmpty: (organization) =>
      withDriverErrors(
        async () => (await db.collection(organization.collectionName).countDocuments({}, { limit: 1 })) === 0,
      ),

    importLines: async (target, lines): Promise<ImportReport> => {
      const collection = db.collection(target.collectionName);
      let batch: Document[] = [];
      let documents = 0;
      let number = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        await withDriverErrors(() => collection.insertMany(batch, { ordered: true }));
        documents += batch.length;
        batch = [];
      };
      for await (const text of lines) {
        number += 1;
        if (text.trim() === '') continue;
        let entry: Document;
        try {
          entry = BSON.EJSON.parse(text, { relaxed: false }) as Document;
        } catch {
          throw invalidLine(number, 'not Extended JSON');
        }
        if (number === 1) {
          if (entry.kind !== 'header' || entry.format !== format || Number(entry.version) !== formatVersion) {
            throw invalidLine(number, `not an ${format} (version ${formatVersion}) header`);
          }
          continue;
        }
        // Metadata, members, invitations and audit events describe where the archive came from; the target keeps its own.
        if (entry.kind !== 'document') continue;
        if (typeof entry.document !== 'object' || entry.document === null) throw invalidLine(number, 'no document');
        batch.push(entry.document as Document);
        if (batch.length === batchSize) await flush();
      }
      if (number === 0) throw invalidLine(1, 'the archive is empty');
      await flush();
      return { documents };
    },
  };
};
