'use client';

import { useRouter } from 'next/navigation';
import { Fragment, type MouseEvent, type ReactNode, useState } from 'react';
import { errorMessage, type ListPage } from '@/lib/client/api';
import { Alert } from './alert';
import { Button } from './button';
import { Card, CardDescription, CardHeader, CardTitle } from './card';
import { cn } from './cn';
import { EmptyState } from './empty-state';
import { type Pager, Pagination } from './pagination';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from './table';

/** One column: its header (text, or `<span className="sr-only">…</span>` for an unlabelled one) and its cell. */
export interface ListColumn<T> {
  id: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Classes for the `<td>` (e.g. `text-right tabular-nums`, `max-w-80 truncate`). */
  className?: string;
  /** Classes for the `<th>`; defaults to the cell's alignment (`text-right` when `className` has it). */
  headerClassName?: string;
  /** `title` on the cell (the full text of a truncated one). */
  title?: (row: T) => string | undefined;
}

/**
 * What the table reads from a React Query result. Both shapes fit as they are: `usePagedList(...)` (one page
 * of a cursor-paginated list, with its `pager`: Previous/Next) and `useQuery` whose data is `T[]`.
 */
export interface ListQuery<T> {
  data: ListPage<T> | T[] | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
  pager?: Pager;
}

export interface ListTableProps<T> {
  /** The table's accessible name (`getByRole('table', {name})`). */
  label: string;
  /** Falsy entries are skipped, so `isAdmin && {...}` adds a column only for admins. */
  columns: (ListColumn<T> | false | null | undefined)[];
  rowKey: (row: T) => string;
  /** A query (loading, error with a retry, Previous/Next); or pass `rows` for data already at hand. */
  query?: ListQuery<T>;
  rows?: T[];
  /** Shown when there are no rows: what the list holds and what to do next. */
  empty: { title: string; description?: ReactNode; action?: ReactNode };
  /** Read to screen readers while loading ("Loading channels…"). */
  loadingLabel?: string;
  /** Skeleton rows while loading (stable height: the same height as real rows). */
  skeletonRows?: number;
  /** A row click opens this page; the row's own link gives keyboard users the same target. */
  rowHref?: (row: T) => string;
  rowClassName?: (row: T) => string | undefined;
  /** Expandable details under a row, toggled by a "Details"/"Hide" button in a last column. */
  detail?: (row: T) => ReactNode;
  /** A card header above the table. */
  title?: ReactNode;
  description?: ReactNode;
  className?: string;
}

/** The rows shown, from either query shape. */
export function rowsFromQuery<T>(data: ListQuery<T>['data']): T[] {
  if (!data) return [];
  return Array.isArray(data) ? data : data.data;
}

const CLICK_THROUGH = 'a, button, input, select, textarea, label, summary';

/**
 * The console's one list: columns, skeleton rows while loading, an empty state that says what to do next,
 * an error with "Try again", and page-by-page navigation (Previous/Next, "Page 2 · rows 51–100") for paged
 * list queries.
 *
 * ```tsx
 * const channels = useChannels(); // usePagedList(...)
 * <ListTable
 *   label="Channels"
 *   query={channels}
 *   columns={[{ id: 'name', header: 'Name', cell: (c) => <Link href={`/channels/${c.id}`}>{c.name}</Link> }]}
 *   rowKey={(c) => c.id}
 *   rowHref={(c) => `/channels/${c.id}`}
 *   empty={{ title: 'No channels yet', description: 'Add one with "New channel".' }}
 * />
 * ```
 */
export function ListTable<T>(props: ListTableProps<T>) {
  const { label, rowKey, query, empty, loadingLabel = 'Loading…', skeletonRows = 5 } = props;
  const { rowHref, rowClassName, detail, title, description, className } = props;
  const columns = props.columns.filter((column): column is ListColumn<T> => Boolean(column));
  const router = useRouter();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const rows = props.rows ?? rowsFromQuery(query?.data);
  const loading = Boolean(query?.isPending);
  const failed = Boolean(query?.isError);
  const paging = Boolean(query?.pager?.busy);
  const span = columns.length + (detail ? 1 : 0);

  function toggle(key: string) {
    setOpen((keys) => {
      const next = new Set(keys);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }

  function openRow(event: MouseEvent<HTMLTableRowElement>, row: T) {
    if (!rowHref || (event.target as HTMLElement).closest(CLICK_THROUGH)) return;
    // Selecting text in a row is not a click on it.
    if (window.getSelection()?.toString()) return;
    router.push(rowHref(row));
  }

  const retry = query ? (
    <Button variant="secondary" size="sm" onClick={() => query.refetch()}>
      Try again
    </Button>
  ) : null;

  let body: ReactNode;
  if (loading) {
    body = Array.from({ length: skeletonRows }, (_, index) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity.
      <TableRow key={index} aria-hidden className="hover:bg-transparent">
        {Array.from({ length: span }, (_, cell) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity.
          <TableCell key={cell}>
            <div className="h-3.5 w-3/4 max-w-40 rounded bg-slate-200 motion-safe:animate-pulse" />
          </TableCell>
        ))}
      </TableRow>
    ));
  } else if (rows.length === 0) {
    body = (
      <TableRow className="hover:bg-transparent">
        <TableCell colSpan={span} className="h-auto p-0">
          {failed ? (
            <div className="flex flex-col items-center gap-3 px-6 py-10">
              <Alert tone="error" className="w-full max-w-xl">
                {errorMessage(query?.error)}
              </Alert>
              {retry}
            </div>
          ) : (
            <EmptyState title={empty.title} description={empty.description} action={empty.action} />
          )}
        </TableCell>
      </TableRow>
    );
  } else {
    body = rows.map((row) => {
      const key = rowKey(row);
      const expanded = open.has(key);
      const detailsId = `${label}-${key}-details`.replace(/\s+/g, '-');
      return (
        <Fragment key={key}>
          <TableRow
            className={cn(
              'focus-within:bg-slate-50',
              rowHref && 'cursor-pointer',
              expanded && 'border-b-0',
              rowClassName?.(row),
            )}
            onClick={rowHref ? (event) => openRow(event, row) : undefined}
          >
            {columns.map((column) => (
              <TableCell key={column.id} className={column.className} title={column.title?.(row)}>
                {column.cell(row)}
              </TableCell>
            ))}
            {detail ? (
              <TableCell className="text-right">
                <Button
                  size="sm"
                  variant="ghost"
                  aria-expanded={expanded}
                  aria-controls={detailsId}
                  onClick={() => toggle(key)}
                >
                  {expanded ? 'Hide' : 'Details'}
                </Button>
              </TableCell>
            ) : null}
          </TableRow>
          {detail && expanded ? (
            <TableRow id={detailsId} className="bg-slate-50/60 hover:bg-slate-50/60">
              <TableCell colSpan={span}>{detail(row)}</TableCell>
            </TableRow>
          ) : null}
        </Fragment>
      );
    });
  }

  return (
    <div className={cn('flex flex-col gap-3', className)}>
      <Card className="overflow-hidden">
        {title ? (
          <CardHeader>
            <CardTitle>{title}</CardTitle>
            {description ? <CardDescription>{description}</CardDescription> : null}
          </CardHeader>
        ) : null}
        {failed && rows.length > 0 ? (
          // A background refresh failed: keep the rows, say so, offer a retry.
          <div className="flex items-center gap-3 border-b border-slate-100 px-3 py-2">
            <Alert tone="error" className="flex-1">
              {errorMessage(query?.error)}
            </Alert>
            {retry}
          </div>
        ) : null}
        <Table aria-label={label} aria-busy={loading || paging || undefined}>
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              {columns.map((column) => (
                <TableHead
                  key={column.id}
                  className={
                    column.headerClassName ??
                    (column.className?.includes('text-right') ? 'text-right' : undefined)
                  }
                >
                  {column.header}
                </TableHead>
              ))}
              {detail ? (
                <TableHead>
                  <span className="sr-only">Details</span>
                </TableHead>
              ) : null}
            </TableRow>
          </TableHeader>
          {/* While another page loads, the rows shown are the page before it. */}
          <TableBody className={cn(paging && 'opacity-60 transition-opacity')}>{body}</TableBody>
        </Table>
        {loading ? (
          <p role="status" className="sr-only">
            {loadingLabel}
          </p>
        ) : null}
      </Card>
      {query?.pager ? <Pagination pager={query.pager} label={label} /> : null}
    </div>
  );
}
