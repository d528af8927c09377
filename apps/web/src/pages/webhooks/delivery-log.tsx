import type { WebhookDelivery, WebhookEndpoint } from '@orgsphere/client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { formErrorsOf } from '../../api/form-errors';
import { useTRPC } from '../../api/trpc';
import { useCursorPages } from '../../components/cursor-pages';
import { FormMessage } from '../../components/form-message';
import { PaginatedTable } from '../../components/paginated-table';
import { QueryState } from '../../components/query-state';
import { formatDate } from '../format';

const pageSize = 20;
/** While a delivery is still pending, look again this often. */
const pendingPollMs = 2_000;

const attemptOf = (delivery: WebhookDelivery) => {
  const attempt = delivery.last_attempt;
  if (!attempt) return '—';
  return attempt.status_code === null ? (attempt.error ?? 'no answer') : String(attempt.status_code);
};

/** One endpoint's deliveries, newest first, a page at a time through the API's cursors. */
export const DeliveryLog = ({ endpoint }: { endpoint: WebhookEndpoint }) => {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pages = useCursorPages();
  const { cursor } = pages;
  const log = useQuery({
    ...trpc.webhooks.deliveries.queryOptions({
      endpoint_id: endpoint.endpoint_id,
      limit: pageSize,
      ...(cursor ? { cursor } : {}),
    }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      query.state.data?.deliveries.some((delivery) => delivery.status === 'pending') ? pendingPollMs : false,
  });
  const resend = useMutation(
    trpc.webhooks.resend.mutationOptions({
      onSuccess: async () => {
        pages.restart();
        await queryClient.invalidateQueries({ queryKey: trpc.webhooks.deliveries.pathKey() });
      },
    }),
  );
  const deliveries = log.data?.deliveries ?? [];
  const nextCursor = log.data?.next_cursor ?? null;
  return (
    <section className="card" aria-labelledby="deliveries-heading">
      <h2 id="deliveries-heading">Deliveries to {endpoint.url}</h2>
      <div className="actions">
        <button type="button" disabled={log.isFetching} onClick={() => void log.refetch()}>
          Refresh
        </button>
      </div>
      <FormMessage errors={formErrorsOf(resend.error)} />
      {resend.isSuccess && <p role="status">Event {resend.data.event_id} is queued again.</p>}
      <QueryState pending={log.isPending} error={log.error} label="the deliveries">
        <PaginatedTable
          caption={`Deliveries, newest first (page ${pages.page})`}
          rows={deliveries}
          rowKey={(delivery) => delivery.delivery_id}
          empty="No deliveries yet."
          paging={pages.paging(nextCursor, log.isFetching)}
          columns={[
            { header: 'Created', cell: (delivery) => formatDate(delivery.created_at) },
            { header: 'Event', cell: (delivery) => <code>{delivery.event_type}</code> },
            {
              header: 'Status',
              cell: (delivery) => (
                <span className="state" data-state={delivery.status}>
                  {delivery.status}
                </span>
              ),
            },
            { header: 'Response', cell: attemptOf },
            {
              header: 'Latency',
              cell: (delivery) => (delivery.last_attempt ? `${delivery.last_attempt.latency_ms} ms` : '—'),
            },
            { header: 'Attempts', cell: (delivery) => String(delivery.attempts) },
            {
              header: 'Next attempt',
              cell: (delivery) => (delivery.next_attempt_at ? formatDate(delivery.next_attempt_at) : '—'),
            },
            {
              header: 'Actions',
              cell: (delivery) => (
                <button
                  type="button"
                  disabled={resend.isPending}
                  aria-label={`Re-send ${delivery.event_type} of ${formatDate(delivery.created_at)}`}
                  onClick={() => resend.mutate({ endpoint_id: endpoint.endpoint_id, event_id: delivery.event_id })}
                >
                  Re-send
                </button>
              ),
            },
          ]}
        />
      </QueryState>
    </section>
  );
};
