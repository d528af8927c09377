import { describeOrgSphereError } from '@orgsphere/client';

/** What a form shows for a failed call: messages beside named fields, and one for the form. */
export type FormErrors = {
  /** Keyed by wire name (e.g. `organization_name`), as the server names them in `data.field`. */
  fields: Record<string, string>;
  /** For the form as a whole; null when every problem sits beside its field. */
  message: string | null;
  /** Seconds until a retry may succeed (429 and some 503). */
  retryAfter: number | null;
};

export const noFormErrors: FormErrors = { fields: {}, message: null, retryAfter: null };

const networkMessage = 'The API did not answer. Check your connection and try again.';

/**
 * Turns anything a call rejected with into form errors: every validation issue beside its
 * field, a domain error beside the field it names, anything else for the whole form.
 */
export const formErrorsOf = (error: unknown, fieldNames: readonly string[] = []): FormErrors => {
  if (!error) return noFormErrors;
  const details = describeOrgSphereError(error);
  const known = new Set(fieldNames);
  const fields: Record<string, string> = {};
  for (const issue of details.issues) {
    if (known.has(issue.path) && !fields[issue.path]) fields[issue.path] = issue.message;
  }
  if (details.field && known.has(details.field) && !fields[details.field]) fields[details.field] = details.message;
  const placed = Object.keys(fields).length > 0;
  const message = placed ? null : details.status === null ? networkMessage : details.message;
  return { fields, message, retryAfter: details.retryAfter };
};
