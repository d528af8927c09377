import { useState } from 'react';

import type { Paging } from './paginated-table';

/**
 * A list the API answers a page at a time with an opaque `next_cursor`: the cursor of the
 * page shown, and the table's paging. Going back pops the cursors seen on the way forward.
 */
export const useCursorPages = () => {
  // cursors[i] opens page i + 1; the first page has none.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  return {
    cursor: cursors[cursors.length - 1],
    page: cursors.length,
    /** Back to the first page (the filters changed, or the list did). */
    restart: () => setCursors([undefined]),
    paging: (nextCursor: string | null, pending: boolean): Paging => ({
      page: cursors.length,
      hasPrevious: cursors.length > 1,
      hasNext: nextCursor !== null,
      pending,
      onPrevious: () => setCursors((stack) => stack.slice(0, -1)),
      onNext: () => {
        if (nextCursor) setCursors((stack) => [...stack, nextCursor]);
      },
    }),
  };
};
