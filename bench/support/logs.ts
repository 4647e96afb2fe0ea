import { existsSync, readFileSync } from 'node:fs';
import type { Child } from './processes';
import { KAFKAJS_TIMER_WARNING } from './warnings';

/**
 * What the children logged at warn level and above (pino JSON lines, or plain text): counts and the first
 * few distinct messages, printed after the tables so engine errors are not missed.
 */
export function reportLogs(children: Child[]): void {
  for (const child of children) {
    if (!existsSync(child.logFile)) continue;
    const lines = readFileSync(child.logFile, 'utf8').split('\n').filter(Boolean);
    const messages = new Map<string, number>();
    for (const line of lines) {
      if (KAFKAJS_TIMER_WARNING.test(line)) continue;
      let text = line;
      try {
        const entry = JSON.parse(line) as {
          level?: number;
          msg?: string;
          reason?: string;
          err?: { message?: string };
        };
        if ((entry.level ?? 50) < 40) continue;
        // Delivery warnings keep their reason in a field of its own (`delivery retrying`, reason: …).
        text = [entry.msg, entry.reason, entry.err?.message].filter(Boolean).join(': ');
      } catch {
        // plain text: Next.js start-up lines, or a stack trace
        if (!/error|warn|fail|exception|unhandled/i.test(line)) continue;
      }
      messages.set(text.slice(0, 300), (messages.get(text.slice(0, 300)) ?? 0) + 1);
    }
    if (messages.size === 0) continue;
    const total = [...messages.values()].reduce((a, b) => a + b, 0);
    process.stdout.write(`\n${child.name} logged ${total} line(s) at warn or above (${child.logFile}):\n`);
    for (const [text, n] of [...messages].slice(0, 8)) process.stdout.write(`  ${n}× ${text}\n`);
  }
}
