/** A timestamp from the API in the reader's locale, e.g. "2 Dec 2026, 14:05". */
export const formatDate = (iso: string): string =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
