import { describe, expect, it } from 'vitest';
import {
  filterFromParams,
  historyMode,
  paramsFromFilter,
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
