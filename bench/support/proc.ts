import { readdirSync, readFileSync } from 'node:fs';

/** The process and its descendants (`next start` may run its server in a child process). */
export function tree(pid: number): number[] {
  const pids = [pid];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (children) for (const child of children.split(' ')) pids.push(...tree(Number(child)));
    }
  } catch {
    // exited, or no /proc
  }
  return pids;
}

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ: 100 on Linux for every architecture in use). */
const USER_HZ = 100;

/** CPU time (user + system, ms) the process and its descendants have used so far; 0 without /proc. */
export function cpuMs(pid: number): number {
  let ticks = 0;
  for (const p of tree(pid)) {
    try {
      // Fields after the command (which may hold spaces) start at the last ')'; utime and stime are 14 and 15.
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited
    }
  }
  return (ticks * 1000) / USER_HZ;
}
