import { Button } from './button';
import { cn } from './cn';

/** What a list's Previous/Next controls read and call (`usePagedList` makes one). */
export interface Pager {
  /** The page shown, 1 for the newest. */
  page: number;
  pageSize: number;
  /** Rows on the page shown. */
  rows: number;
  hasPrevious: boolean;
  hasNext: boolean;
  previous: () => void;
  next: () => void;
  /** Another page is loading (the rows shown are still those of the page before it). */
  busy: boolean;
}

/**
 * Previous/Next under a list, with where the page is ("Page 2 · rows 51–100"). Nothing for a list that fits on
 * one page. The buttons are disabled at the ends and while a page loads; the position is a live region, so a
 * screen reader hears the new page once it has arrived.
 */
export function Pagination({ pager, label, className }: { pager: Pager; label: string; className?: string }) {
  const { page, pageSize, rows, hasPrevious, hasNext, busy } = pager;
  if (page === 1 && !hasNext && !busy) return null;
  const first = (page - 1) * pageSize + 1;
  return (
    <nav aria-label={`${label} pages`} className={cn('flex items-center justify-between gap-3', className)}>
      <p className="text-sm text-slate-600 tabular-nums" aria-live="polite">
        {busy
          ? `Loading page ${page}…`
          : rows > 0
            ? `Page ${page} · rows ${first.toLocaleString('en-US')}–${(first + rows - 1).toLocaleString('en-US')}`
            : `Page ${page}`}
      </p>
      <div className="flex gap-2">
        <Button
          variant="secondary"
          size="sm"
          aria-label="Previous page"
          onClick={pager.previous}
          disabled={!hasPrevious}
        >
          Previous
        </Button>
        <Button variant="secondary" size="sm" aria-label="Next page" onClick={pager.next} disabled={!hasNext}>
          Next
        </Button>
      </div>
    </nav>
  );
}
