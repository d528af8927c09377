import type { AuditEvent } from '@orgsphere/client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import { useTRPC } from '../api/trpc';
import { useAccount } from '../api/use-account';
import { Page } from '../components/page';
import { PaginatedTable } from '../components/paginated-table';
import { QueryState } from '../components/query-state';
import { SelectField } from '../components/select-field';
import { formatDate } from './format';

const pageSize = 25;
const any = '';

const outcomes = [
  { value: any, label: 'Any outcome' },
  { value: 'success', label: 'Success' },
  { value: 'failure', label: 'Failure' },
];

/** The audit trail, newest first, a page at a time through the API's cursors. */
export const AuditLogPage = () => {
  const trpc = useTRPC();
  const { active } = useAccount();
  // cursors[i] opens page i + 1; the first page has none.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [action, setAction] = useState(any);
  const [outcome, setOutcome] = useState(any);
  const cursor = cursors[cursors.length - 1];
  const log = useQuery({
    ...trpc.org.auditLog.queryOptions({
      organization_name: active?.organization_name ?? '',
      limit: pageSize,
      ...(cursor ? { cursor } : {}),
    }),
    enabled: active !== undefined,
    placeholderData: keepPreviousData,
  });
  const events = log.data?.events ?? [];
  const actions = [...new Set(events.map((event) => event.action))].sort();
  const shown = events.filter(
    (event: AuditEvent) =>
      (action === any || event.action === action) && (outcome === any || event.outcome === outcome),
  );
  const nextCursor = log.data?.next_cursor ?? null;
  return (
    <Page title="Audit log">
      <form className="filters" onSubmit={(event) => event.preventDefault()} aria-label="Filter this page">
        <SelectField
          label="Action"
          name="action"
          value={action}
          options={[{ value: any, label: 'Any action' }, ...actions.map((value) => ({ value, label: value }))]}
          onChange={(event) => setAction(event.currentTarget.value)}
        />
        <SelectField
          label="Outcome"
          name="outcome"
          value={outcome}
          options={outcomes}
          onChange={(event) => setOutcome(event.currentTarget.value)}
        />
      </form>
      <QueryState pending={log.isPending} error={log.error} label="the audit log">
        <PaginatedTable
          caption={`Audit events (${shown.length} of ${events.length} on this page)`}
          rows={shown}
          rowKey={(event) => event.id}
          empty="No events match."
          paging={{
            page: cursors.length,
            hasPrevious: cursors.length > 1,
            hasNext: nextCursor !== null,
            pending: log.isFetching,
            onPrevious: () => setCursors((stack) => stack.slice(0, -1)),
            onNext: () => nextCursor && setCursors((stack) => [...stack, nextCursor]),
          }}
          columns={[
            { header: 'When', cell: (event) => formatDate(event.at) },
            { header: 'Action', cell: (event) => <code>{event.action}</code> },
            {
              header: 'Outcome',
              cell: (event) => (event.reason ? `${event.outcome} (${event.reason})` : event.outcome),
            },
            { header: 'Actor', cell: (event) => event.actor_admin_id ?? '—' },
            { header: 'Subject', cell: (event) => event.subject ?? '—' },
            { header: 'IP', cell: (event) => event.ip ?? '—' },
          ]}
        />
      </QueryState>
    </Page>
  );
};
