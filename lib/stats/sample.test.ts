import { describe, expect, it } from 'vitest';
import { samplePoints } from './sample';

const H = 3_600_000;
const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);
const window = (fromMs: number, toMs: number) => ({ from: at(fromMs), to: at(toMs), bucketSeconds: 3600 });

describe('samplePoints', () => {
  it('places the points at the quantiles of the volume, interpolated within a bucket', () => {
    // 300 messages in the first hour, 100 in the second: 3 of 4 runs start in the first.
    const points = samplePoints(
      [
        { startMs: at(0).getTime(), count: 300 },
        { startMs: at(H).getTime(), count: 100 },
      ],
      window(0, 2 * H),
      4,
    );
    // Targets 0, 100, 200, 300 of 400: 0, 1/3, 2/3 and all of hour one.
    expect(points.map((p) => p.getTime() - at(0).getTime())).toEqual([0, H / 3, (2 * H) / 3, H]);
  });

  it('keeps the points inside the window when its first and last buckets are cut', () => {
    const points = samplePoints([{ startMs: at(0).getTime(), count: 10 }], window(H / 2, (3 * H) / 4), 2);
    expect(points.map((p) => p.getTime() - at(0).getTime())).toEqual([H / 2, H / 2 + H / 8]);
  });

  it('skips empty buckets and answers nothing for an empty window', () => {
    const buckets = [
      { startMs: at(0).getTime(), count: 0 },
      { startMs: at(H).getTime(), count: 2 },
    ];
    expect(samplePoints(buckets, window(0, 2 * H), 2).every((p) => p >= at(H))).toBe(true);
    expect(samplePoints([{ startMs: at(0).getTime(), count: 0 }], window(0, H))).toEqual([]);
  });
});
