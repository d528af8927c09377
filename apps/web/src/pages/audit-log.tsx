import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import { formErrorsOf } from '../api/form-errors';
import { useTRPC } from '../api/trpc';
import { useAccount } from '../api/use-account';
import { useCursorPages } from '../components/cursor-pages';
import { Page } from '../components/page';
import { PaginatedTable } from '../components/paginated-table';
import { QueryState } from '../components/query-state';
import { SelectField } from '../components/select-field';
import { TextField } from '../components/text-field';
import { auditActionOptions, auditFilterInput, noAuditFilter, type AuditFilterForm } from './audit-filters';
import { formatDate } from './format';

const pageSize = 25;
const any = '';

const outcomes = [
  { value: any, label: 'Any outcome' },
  { value: 'success', label: 'Success' },
  { value: 'failure', label: 'Failure' },
];

/**
 * The audit trail, newest first, a page at a time through the API's cursors. The filters
 * are the API's: they apply to the whole trail, and changing one starts again at page 1.
 */
export const AuditLogPage = () => {
  const trpc = useTRPC();
  const { active } = useAccount();
  const pages = useCursorPages();
  const [filter, setFilter] = useState<AuditFilterForm>(noAuditFilter);
  const members = useQuery(trpc.members.list.queryOptions({}));
  const { cursor } = pages;
  const log = useQuery({
    ...trpc.org.auditLog.queryOptions({
      organization_name: active?.organization_name ?? '',
      limit: pageSize,
      ...auditFilterInput(filter),
      ...(cursor ? { cursor } : {}),
    }),
    enabled: active !== undefined,
    placeholderData: keepPreviousData,
  });
  const change = (field: keyof AuditFilterForm) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setFilter((current) => ({ ...current, [field]: value }));
    pages.restart();
  };
  const errors = formErrorsOf(log.error, ['from', 'to']);
  const nameOf = (userId: string | null) =>
    userId === null ? '—' : (members.data?.members.find((member) => member.user_id === userId)?.display_name ?? userId);
  const events = log.data?.events ?? [];
  const nextCursor = log.data?.next_cursor ?? null;
  return (
    <Page title="Audit log">
      <form className="filters" onSubmit={(event) => event.preventDefault()} aria-label="Filter the audit log">
        <SelectField
          label="Action"
          name="action"
          value={filter.action}
          options={[
            { value: any, label: 'Any action' },
            ...auditActionOptions.map((value) => ({ value, label: value })),
          ]}
          onChange={change('action')}
        />
        <SelectField
          label="Outcome"
          name="outcome"
          value={filter.outcome}
          options={outcomes}
          onChange={change('outcome')}
        />
        <SelectField
          label="Actor"
          name="actor_admin_id"
          value={filter.actor}
          options={[
            { value: any, label: 'Anyone' },
            ...(members.data?.members ?? []).map((member) => ({ value: member.user_id, label: member.display_name })),
          ]}
          onChange={change('actor')}
        />
        <TextField
          label="From"
          name="from"
          type="date"
          value={filter.fromDay}
          error={errors.fields.from}
          onChange={change('fromDay')}
        />
        <TextField
          label="To (included)"
          name="to"
          type="date"
          value={filter.toDay}
          error={errors.fields.to}
          onChange={change('toDay')}
        />
      </form>
      <QueryState pending={log.isPending} error={errors.message ? log.error : null} label="the audit log">
        <PaginatedTable
          caption={`Audit events (${events.length} on page ${pages.page})`}
          rows={events}
          rowKey={(event) => event.id}
          empty="No events match."
          paging={pages.paging(nextCursor, log.isFetching)}
          columns={[
            { header: 'When', cell: (event) => formatDate(event.at) },
            { header: 'Action', cell: (event) => <code>{event.action}</code> },
            {
              header: 'Outcome',
              cell: (event) => (event.reason ? `${event.outcome} (${event.reason})` : event.outcome),
            },
            { header: 'Actor', cell: (event) => nameOf(event.actor_admin_id) },
            { header: 'Subject', cell: (event) => event.subject ?? '—' },
            { header: 'IP', cell: (event) => event.ip ?? '—' },
          ]}
        />
      </QueryState>
    </Page>
  );
};
