import { describe, expect, it, vi } from 'vitest';
import { FIRST_PAGE } from '../components/data/list-query';
import { pagerFor } from '../components/data/use-paged-list';
import {
  filterFromParams,
  historyMode,
  paramsFromFilter,
  paramsWithPosition,
  positionFromParams,
  sameFilter,
} from '../components/messages/message-filter-url';

const CHANNEL = '0b7e4c1e-8d0a-4f43-9a57-2f3c1f1c9a10';

describe('the Messages filters in the URL', () => {
  it('round-trips every filter, the search with spaces and quotes included', () => {
    const filter = {
      status: 'failed,dead',
      channel_id: CHANNEL,
      workflow_id: '5d2f4a57-6f0e-4a3b-8d61-2b9a6a1f0c33',
      q: '"order shipped" -lisbon',
      from: '2026-12-01T10:00:00.000Z',
      to: '2026-12-02T10:00:00.000Z',
    };
    const search = paramsFromFilter(filter);
    expect(filterFromParams(new URLSearchParams(search))).toEqual(filter);
  });

  it('writes the parameters in a fixed order and leaves empty ones out', () => {
    expect(paramsFromFilter({ q: 'invoice', status: 'dead', channel_id: '' })).toBe('status=dead&q=invoice');
    expect(paramsFromFilter({ q: '   ' })).toBe('');
  });

  it('reads only its own parameters, trimmed, and ignores empty ones', () => {
    const params = new URLSearchParams(`status=&q=%20invoice%20&tab=x&channel_id=${CHANNEL}`);
    expect(filterFromParams(params)).toEqual({ q: 'invoice', channel_id: CHANNEL });
  });

  it('keeps parameters it does not own', () => {
    const keep = new URLSearchParams('tab=attempts&status=dead');
    expect(paramsFromFilter({ status: 'failed' }, keep)).toBe('tab=attempts&status=failed');
  });

  it('compares filters by value, an empty value as none', () => {
    expect(sameFilter({ status: 'dead', q: '' }, { status: 'dead' })).toBe(true);
    expect(sameFilter({ status: 'dead' }, { status: 'failed' })).toBe(false);
  });

  it('adds a history entry for every change but refining a search', () => {
    expect(historyMode({}, { status: 'dead' })).toBe('push');
    expect(historyMode({ status: 'dead' }, { status: 'dead', q: 'inv' })).toBe('push');
    expect(historyMode({ status: 'dead', q: 'inv' }, { status: 'dead', q: 'invoice' })).toBe('replace');
    expect(historyMode({ q: 'invoice' }, {})).toBe('push');
    expect(historyMode({ q: 'invoice' }, { q: 'invoice', status: 'dead' })).toBe('push');
  });
});

describe('the Messages page in the URL', () => {
  it('keeps the page beside the filters, and reads it back', () => {
    const filters = new URLSearchParams('status=dead&q=invoice');
    const third = paramsWithPosition(filters, { cursor: 'abc', page: 3 });
    expect(third).toBe('status=dead&q=invoice&cursor=abc&page=3');
    expect(positionFromParams(new URLSearchParams(third))).toEqual({ cursor: 'abc', page: 3 });
    expect(filterFromParams(new URLSearchParams(third))).toEqual({ status: 'dead', q: 'invoice' });
    const back = paramsWithPosition(new URLSearchParams(third), { before: 'xyz', page: 2 });
    expect(back).toBe('status=dead&q=invoice&before=xyz&page=2');
    expect(paramsWithPosition(new URLSearchParams(back), FIRST_PAGE)).toBe('status=dead&q=invoice');
  });

  it('reads a missing or odd page number as page 2 when there is a cursor, and no cursor as the first page', () => {
    expect(positionFromParams(new URLSearchParams('cursor=abc'))).toEqual({ cursor: 'abc', page: 2 });
    expect(positionFromParams(new URLSearchParams('cursor=abc&page=1'))).toEqual({ cursor: 'abc', page: 2 });
    expect(positionFromParams(new URLSearchParams('before=x&cursor=y&page=x'))).toEqual({
      before: 'x',
      page: 2,
    });
    expect(positionFromParams(new URLSearchParams('page=4&status=dead'))).toEqual(FIRST_PAGE);
  });

  it('goes back to the first page when the filter changes', () => {
    const keep = new URLSearchParams('tab=x&status=dead&cursor=abc&page=3');
    expect(paramsFromFilter({ status: 'failed' }, keep)).toBe('tab=x&status=failed');
  });
});

describe('the pager of a paged list', () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => i);
  const data = (next: string | null, prev: string | null, n = 50) => ({
    data: rows(n),
    next_cursor: next,
    prev_cursor: prev,
  });

  it('steps forward with next_cursor and back with prev_cursor, counting pages', () => {
    const go = vi.fn();
    const first = pagerFor(FIRST_PAGE, data('n1', null), { pageSize: 50, busy: false, go });
    expect(first).toMatchObject({ page: 1, hasPrevious: false, hasNext: true, rows: 50 });
    first.next();
    expect(go).toHaveBeenLastCalledWith({ cursor: 'n1', page: 2 });
    const third = pagerFor({ cursor: 'n2', page: 3 }, data('n3', 'p3'), { pageSize: 50, busy: false, go });
    expect(third).toMatchObject({ page: 3, hasPrevious: true, hasNext: true });
    third.previous();
    expect(go).toHaveBeenLastCalledWith({ before: 'p3', page: 2 });
    // Page 2's Previous asks for the newest page itself, without a cursor.
    pagerFor({ before: 'p3', page: 2 }, data('n2', 'p2'), { pageSize: 50, busy: false, go }).previous();
    expect(go).toHaveBeenLastCalledWith(FIRST_PAGE);
  });

  it('is on page 1 whenever the server says there is no page before', () => {
    const last = pagerFor({ before: 'p', page: 4 }, data('n', null), {
      pageSize: 50,
      busy: false,
      go: vi.fn(),
    });
    expect(last).toMatchObject({ page: 1, hasPrevious: false });
    const end = pagerFor({ cursor: 'c', page: 2 }, data(null, 'p', 7), {
      pageSize: 50,
      busy: false,
      go: vi.fn(),
    });
    expect(end).toMatchObject({ page: 2, hasNext: false, hasPrevious: true, rows: 7 });
  });

  it('offers nothing while the next page loads, and the first page when a page failed', () => {
    const loading = pagerFor({ cursor: 'c', page: 5 }, data('n', 'p'), {
      pageSize: 50,
      busy: true,
      go: vi.fn(),
    });
    expect(loading).toMatchObject({ page: 5, hasPrevious: false, hasNext: false, busy: true });
    const go = vi.fn();
    const failed = pagerFor({ cursor: 'bad', page: 3 }, undefined, { pageSize: 50, busy: false, go });
    expect(failed).toMatchObject({ page: 3, hasPrevious: true, hasNext: false });
    failed.previous();
    expect(go).toHaveBeenLastCalledWith(FIRST_PAGE);
  });
});
