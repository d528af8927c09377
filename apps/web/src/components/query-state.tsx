import { describeOrgSphereError } from '@orgsphere/client';
import type { ReactNode } from 'react';

/** Progress while a query loads, its error if it failed, otherwise the content. */
export const QueryState = ({
  pending,
  error,
  label,
  children,
}: {
  pending: boolean;
  error: unknown;
  /** What is loading, e.g. "members". */
  label: string;
  children: ReactNode;
}) => {
  if (error) {
    return (
      <p className="form-message" role="alert">
        Could not load {label}: {describeOrgSphereError(error).message}
      </p>
    );
  }
  if (pending) {
    return (
      <p className="loading" role="status">
        Loading {label}…
      </p>
    );
  }
  return <>{children}</>;
};
