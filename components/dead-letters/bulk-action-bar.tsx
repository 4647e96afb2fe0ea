'use client';

import { Button } from '@/components/ui/button';
import { MAX_BULK_IDS, MAX_BULK_LIMIT } from '@/lib/messages/bulk-schemas';
import type { BulkAction } from './bulk-action-dialog';
import type { Selection } from './selection';

interface BulkActionBarProps {
  selection: Selection;
  /** Messages matching the filter (`capped`: at least that many). */
  matching: { count: number; capped: boolean } | undefined;
  /** Whether every row on the page shown is ticked (then "select all N matching" is offered). */
  allLoadedSelected: boolean;
  loadedRows: number;
  onSelectAll: () => void;
  onClear: () => void;
  onAction: (action: BulkAction) => void;
}

/** How many are selected, "select all N matching this filter", and the bulk actions (admins only). */
export function BulkActionBar(props: BulkActionBarProps) {
  const { selection, matching, allLoadedSelected, loadedRows, onSelectAll, onClear, onAction } = props;
  const picked = selection.all ? Math.min(matching?.count ?? 0, MAX_BULK_LIMIT) : selection.ids.size;
  const tooMany = !selection.all && selection.ids.size > MAX_BULK_IDS;
  const more = matching && (matching.capped || matching.count > loadedRows);
  return (
    <div
      role="toolbar"
      aria-label="Bulk actions"
      className="flex min-h-10 flex-wrap items-center gap-3 rounded-md border border-slate-200 bg-slate-50 px-3 py-1.5 text-sm"
    >
      <span aria-live="polite" className="text-slate-700">
        {selection.all
          ? `All ${matching?.capped ? `${MAX_BULK_LIMIT.toLocaleString()}+` : (matching?.count ?? 0).toLocaleString()} matching messages selected`
          : `${picked.toLocaleString()} selected`}
      </span>
      {!selection.all && allLoadedSelected && more ? (
        <Button variant="ghost" size="sm" onClick={onSelectAll}>
          Select all{' '}
          {matching.capped ? `${matching.count.toLocaleString()}+` : matching.count.toLocaleString()} matching
          this filter
        </Button>
      ) : null}
      {picked > 0 ? (
        <Button variant="ghost" size="sm" onClick={onClear}>
          Clear selection
        </Button>
      ) : null}
      {selection.all && matching?.capped ? (
        <span className="text-xs text-slate-500">
          The oldest {MAX_BULK_LIMIT.toLocaleString()} are taken.
        </span>
      ) : null}
      {tooMany ? (
        <span className="text-xs text-red-700">
          Tick at most {MAX_BULK_IDS.toLocaleString()} rows, or select all matching the filter.
        </span>
      ) : null}
      <div className="ml-auto flex gap-2">
        <Button size="sm" onClick={() => onAction('redrive')} disabled={picked === 0 || tooMany}>
          Re-drive
        </Button>
        <Button
          size="sm"
          variant="destructive-outline"
          onClick={() => onAction('discard')}
          disabled={picked === 0 || tooMany}
        >
          Discard
        </Button>
      </div>
    </div>
  );
}
