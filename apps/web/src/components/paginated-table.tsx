import type { ReactNode } from 'react';

export type Column<Row> = {
  header: string;
  cell: (row: Row) => ReactNode;
};

export type Paging = {
  /** 1-based page shown. */
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  /** A page is loading: keep showing the current rows, and say so. */
  pending?: boolean;
};

/** A captioned data table with Previous/Next paging; the live status names the page. */
export const PaginatedTable = <Row,>({
  caption,
  columns,
  rows,
  rowKey,
  paging,
  empty = 'Nothing here yet.',
}: {
  caption: string;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  paging?: Paging | undefined;
  empty?: string;
}) => (
  <div className="table-block">
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.header} scope="col">
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={columns.length}>{empty}</td>
          </tr>
        ) : (
          rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => (
                <td key={column.header}>{column.cell(row)}</td>
              ))}
            </tr>
          ))
        )}
      </tbody>
    </table>
    {paging && (paging.hasPrevious || paging.hasNext) && (
      <nav className="pager" aria-label={`${caption} pages`}>
        <button type="button" onClick={paging.onPrevious} disabled={!paging.hasPrevious || paging.pending}>
          Previous page
        </button>
        <span role="status" aria-live="polite">
          {paging.pending ? `Loading page ${paging.page}…` : `Page ${paging.page}`}
        </span>
        <button type="button" onClick={paging.onNext} disabled={!paging.hasNext || paging.pending}>
          Next page
        </button>
      </nav>
    )}
  </div>
);

/** Paging over a list held in full: the slice of one page and its controls. */
export const pageOf = <Row,>(
  rows: readonly Row[],
  page: number,
  pageSize: number,
  setPage: (page: number) => void,
): { rows: Row[]; paging: Paging } => {
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const current = Math.min(page, pages);
  return {
    rows: rows.slice((current - 1) * pageSize, current * pageSize),
    paging: {
      page: current,
      hasPrevious: current > 1,
      hasNext: current < pages,
      onPrevious: () => setPage(current - 1),
      onNext: () => setPage(current + 1),
    },
  };
};
