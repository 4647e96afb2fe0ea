import { Button } from './button';

interface Pager {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** The "Load more" button under a cursor-paginated table; nothing when there is no next page. */
export function LoadMore({ pager }: { pager: Pager }) {
  if (!pager.hasNextPage) return null;
  return (
    <div>
      <Button variant="secondary" onClick={() => pager.fetchNextPage()} disabled={pager.isFetchingNextPage}>
        {pager.isFetchingNextPage ? 'Loading…' : 'Load more'}
      </Button>
    </div>
  );
}
