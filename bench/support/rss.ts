import { readFileSync } from 'node:fs';
import { tree } from './proc';

function rssKiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) : 0;
  } catch {
    return 0; // exited
  }
}

export interface RssSampler {
  /** Peak resident set (MiB) of each watched process (with its descendants) since the sampler started. */
  stop(): number[];
}

/** Reads VmRSS from /proc every 200 ms and keeps the peak per watched process. */
export function sampleRss(pids: number[], everyMs = 200): RssSampler {
  const peaks = pids.map(() => 0);
  const sample = () => {
    pids.forEach((pid, i) => {
      const total = tree(pid).reduce((sum, p) => sum + rssKiB(p), 0);
      peaks[i] = Math.max(peaks[i]!, total);
    });
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peaks.map((kib) => kib / 1024);
    },
  };
}
