import { MutationObserver, QueryClient } from '@tanstack/react-query';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { apiMutationOptions } from '@/components/data/api-mutation';
import { mapRows, patchRow } from '@/components/data/optimistic';
import { type ListPage, ProblemError } from '@/lib/client/api';

const toast = vi.hoisted(() => ({ success: vi.fn(), error: vi.fn() }));
vi.mock('sonner', () => ({ toast }));

interface Rule {
  id: string;
  name: string;
  enabled: boolean;
}

// The first two pages of the list, each cached under the list's key and its position (as usePagedList does).
const listKey = ['rules', 'list', { cursor: null, before: null }];
const secondPageKey = ['rules', 'list', { cursor: 'c1', before: null }];
const detailKey = ['rules', 'detail', 'r1'];
const page = (rows: Rule[], next: string | null = null, prev: string | null = null): ListPage<Rule> => ({
  data: rows,
  next_cursor: next,
  prev_cursor: prev,
});
const rule = (id: string, enabled = true): Rule => ({ id, name: `rule ${id}`, enabled });

function seeded(): QueryClient {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  client.setQueryData(listKey, page([rule('r1'), rule('r2')], 'c1'));
  client.setQueryData(secondPageKey, page([rule('r3')], null, 'c0'));
  client.setQueryData(detailKey, rule('r1'));
  return client;
}

const listed = (client: QueryClient) =>
  [listKey, secondPageKey].flatMap((key) => client.getQueryData<ListPage<Rule>>(key)?.data ?? []);

/** A toggle mutation as the console defines one, with a server that answers after `answer` resolves. */
function toggle(client: QueryClient, server: (input: { id: string; enabled: boolean }) => Promise<Rule>) {
  return new MutationObserver(
    client,
    apiMutationOptions(client, {
      mutationFn: server,
      optimistic: ({ id, enabled }) => [patchRow<Rule>(['rules'], id, (row) => ({ ...row, enabled }))],
      toast: {
        success: (saved) => `Alert rule “${saved.name}” ${saved.enabled ? 'enabled' : 'disabled'}`,
        error: ({ enabled }) => `The alert rule was not ${enabled ? 'enabled' : 'disabled'}`,
      },
      invalidate: [['rules']],
    }),
  );
}

beforeEach(() => {
  toast.success.mockReset();
  toast.error.mockReset();
});

describe('useApiMutation options', () => {
  it('shows an optimistic change in every cached list page and detail before the server answers', async () => {
    const client = seeded();
    let answer: (value: Rule) => void = () => {};
    const pending = toggle(client, () => new Promise<Rule>((resolve) => (answer = resolve))).mutate({
      id: 'r1',
      enabled: false,
    });
    await vi.waitFor(() => expect(listed(client).find((r) => r.id === 'r1')?.enabled).toBe(false));
    expect(client.getQueryData<Rule>(detailKey)?.enabled).toBe(false);
    // Other rows and the paging are untouched.
    expect(listed(client).map((r) => [r.id, r.enabled])).toEqual([
      ['r1', false],
      ['r2', true],
      ['r3', true],
    ]);
    answer({ ...rule('r1'), enabled: false });
    await pending;
    expect(toast.success).toHaveBeenCalledWith('Alert rule “rule r1” disabled');
    expect(toast.error).not.toHaveBeenCalled();
  });

  it('rolls the change back and toasts the API problem when the server refuses', async () => {
    const client = seeded();
    const refused = new ProblemError(409, 'rule r1 is locked by another change');
    await expect(
      toggle(client, () => Promise.reject(refused)).mutate({ id: 'r1', enabled: false }),
    ).rejects.toBe(refused);
    expect(listed(client).find((r) => r.id === 'r1')?.enabled).toBe(true);
    expect(client.getQueryData<Rule>(detailKey)?.enabled).toBe(true);
    expect(toast.error).toHaveBeenCalledWith('The alert rule was not disabled', {
      description: 'rule r1 is locked by another change',
      duration: 8_000,
    });
    expect(toast.success).not.toHaveBeenCalled();
  });

  it('names a network failure, and stays quiet on a lapsed session (the sign-in redirect says it)', async () => {
    const client = seeded();
    await expect(
      toggle(client, () => Promise.reject(new TypeError('fetch failed'))).mutate({
        id: 'r2',
        enabled: false,
      }),
    ).rejects.toThrow();
    expect(toast.error).toHaveBeenLastCalledWith('The alert rule was not disabled', {
      description: 'Could not reach the server. Check your connection and try again.',
      duration: 8_000,
    });
    toast.error.mockReset();
    await expect(
      toggle(client, () => Promise.reject(new ProblemError(401, 'sign in'))).mutate({
        id: 'r2',
        enabled: false,
      }),
    ).rejects.toThrow();
    expect(toast.error).not.toHaveBeenCalled();
    expect(listed(client).find((r) => r.id === 'r2')?.enabled).toBe(true);
  });

  it('refetches the invalidated keys once it settles and runs the caller’s own callbacks', async () => {
    const client = seeded();
    const onSuccess = vi.fn();
    const observer = new MutationObserver(
      client,
      apiMutationOptions(client, {
        mutationFn: async (name: string) => ({ ...rule('r9'), name }),
        toast: { success: false, error: 'not created' },
        invalidate: [['rules']],
        onSuccess,
      }),
    );
    await observer.mutate('fresh');
    expect(onSuccess).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'fresh' }),
      'fresh',
      undefined,
      expect.anything(),
    );
    expect(client.getQueryState(listKey)?.isInvalidated).toBe(true);
    expect(client.getQueryState(secondPageKey)?.isInvalidated).toBe(true);
    expect(client.getQueryState(detailKey)?.isInvalidated).toBe(true);
    // `success: false` shows no toast.
    expect(toast.success).not.toHaveBeenCalled();
  });
});

describe('mapRows', () => {
  const flip = (row: Rule) => ({ ...row, enabled: !row.enabled });

  it('maps a plain array, one page and a detail object alike', () => {
    expect(mapRows<Rule>([rule('a')], flip)).toEqual([rule('a', false)]);
    expect(mapRows<Rule>(page([rule('a')], 'x'), flip)).toEqual(page([rule('a', false)], 'x'));
    expect(mapRows<Rule>(rule('a'), flip)).toEqual(rule('a', false));
  });

  it('leaves data that holds no rows alone', () => {
    const map = new Map([['a', 1]]);
    expect(patchRow<Rule>(['x'], 'a', flip).update(map)).toBe(map);
    expect(mapRows<Rule>(undefined, flip)).toBeUndefined();
  });
});
