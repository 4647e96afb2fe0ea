import { describe, expect, it } from 'vitest';
import { LsnHistory, lagSeconds, parseLsn } from './replica-lag';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

describe('replica lag', () => {
  it('reads WAL positions as comparable numbers', () => {
    expect(parseLsn('0/1B80C80')).toBe(0x1b80c80n);
    expect(parseLsn('16/B374D848') > parseLsn('15/FFFFFFFF')).toBe(true);
    expect(() => parseLsn('nonsense')).toThrow('not a WAL position');
  });

  it('is 0 on a quiet primary whose last commit is old, when the replica replayed the latest position', () => {
    const history = new LsnHistory(60_000);
    history.add({ lsn: 100n, at: at(50) });
    expect(lagSeconds(history, { replayLsn: 100n, replayedAt: at(0) }, at(50))).toBe(0);
  });

  it('grows while replay is stuck behind writes, from the last position the replica reached', () => {
    const history = new LsnHistory(60_000);
    history.add({ lsn: 100n, at: at(10) });
    history.add({ lsn: 200n, at: at(15) });
    history.add({ lsn: 300n, at: at(20) });
    expect(lagSeconds(history, { replayLsn: 150n, replayedAt: at(2) }, at(20))).toBe(10);
    expect(lagSeconds(history, { replayLsn: 150n, replayedAt: at(2) }, at(30))).toBe(20);
  });

  it('takes the later of the reached position and the last replayed commit', () => {
    const history = new LsnHistory(60_000);
    history.add({ lsn: 100n, at: at(10) });
    history.add({ lsn: 300n, at: at(20) });
    expect(lagSeconds(history, { replayLsn: 150n, replayedAt: at(18) }, at(20))).toBe(2);
  });

  it('a replica cut off from its primary lags although it replayed all it received', () => {
    const history = new LsnHistory(60_000);
    history.add({ lsn: 100n, at: at(0) });
    history.add({ lsn: 500n, at: at(30) });
    expect(lagSeconds(history, { replayLsn: 100n, replayedAt: null }, at(30))).toBe(30);
  });

  it('is unknown when neither a reached position nor a replayed commit tells', () => {
    const history = new LsnHistory(10_000);
    history.add({ lsn: 100n, at: at(0) });
    history.add({ lsn: 200n, at: at(30) }); // the first sample fell out of the history
    expect(lagSeconds(history, { replayLsn: 150n, replayedAt: null }, at(30))).toBeNull();
    expect(lagSeconds(history, { replayLsn: null, replayedAt: null }, at(30))).toBeNull();
  });
});
