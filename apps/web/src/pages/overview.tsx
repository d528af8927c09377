import { useQuery } from '@tanstack/react-query';

import { useTRPC } from '../api/trpc';
import { useAccount } from '../api/use-account';
import { Page } from '../components/page';
import { PaginatedTable } from '../components/paginated-table';
import { QueryState } from '../components/query-state';
import { formatDate } from './format';

export const OverviewPage = () => {
  const trpc = useTRPC();
  const { active, organizations, role } = useAccount();
  const organization = useQuery({
    ...trpc.org.get.queryOptions({ organization_name: active?.organization_name ?? '' }),
    enabled: active !== undefined,
  });
  return (
    <Page title="Overview">
      <QueryState
        pending={organizations.isPending || organization.isPending}
        error={organizations.error ?? organization.error}
        label="the organization"
      >
        {organization.data && (
          <dl className="facts">
            <dt>Name</dt>
            <dd>{organization.data.organization_name}</dd>
            <dt>Slug</dt>
            <dd>
              <code>{organization.data.slug}</code>
            </dd>
            <dt>Organization id</dt>
            <dd>
              <code>{organization.data.organization_id}</code>
            </dd>
            <dt>State</dt>
            <dd>
              <span className="state" data-state={organization.data.state}>
                {organization.data.state}
              </span>
            </dd>
            <dt>Created</dt>
            <dd>{formatDate(organization.data.created_at)}</dd>
            <dt>Last changed</dt>
            <dd>{formatDate(organization.data.updated_at)}</dd>
            <dt>Your role</dt>
            <dd>{role ?? '…'}</dd>
          </dl>
        )}
      </QueryState>
      <h2>Your organizations</h2>
      {organizations.data && (
        <PaginatedTable
          caption="Organizations you belong to"
          rowKey={(row) => row.organization_id}
          rows={organizations.data.organizations}
          columns={[
            {
              header: 'Name',
              cell: (row) => (row.active ? <strong>{row.organization_name} (active)</strong> : row.organization_name),
            },
            { header: 'Role', cell: (row) => row.role },
            { header: 'Joined', cell: (row) => formatDate(row.joined_at) },
          ]}
        />
      )}
    </Page>
  );
};
