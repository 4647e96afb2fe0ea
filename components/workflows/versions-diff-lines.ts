import { structuredPatch } from 'diff';
import type { Step } from '@/lib/workflows/schemas';

/** What a version holds and what restoring it would bring back, in the order the diff shows it. */
export interface Definition {
  name: string;
  description: string | null;
  enabled: boolean;
  steps: Step[];
}

export function definitionText({ name, description, enabled, steps }: Definition): string {
  return `${JSON.stringify({ name, description, enabled, steps }, null, 2)}\n`;
}

export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
  /** Line number on the `from` side (same, removed) or the `to` side (added). */
  line: number;
}

export interface DiffHunk {
  /** "Lines 12–20" of the `from` side. */
  header: string;
  lines: DiffLine[];
}

/** A line diff of the two definitions as pretty-printed JSON, in hunks with three lines of context. */
export function definitionDiff(from: Definition, to: Definition): DiffHunk[] {
  const patch = structuredPatch('from', 'to', definitionText(from), definitionText(to), '', '', {
    context: 3,
  });
  return patch.hunks.map((hunk) => {
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    const lines: DiffLine[] = [];
    for (const raw of hunk.lines) {
      const text = raw.slice(1);
      if (raw.startsWith('+')) lines.push({ kind: 'added', text, line: newLine++ });
      else if (raw.startsWith('-')) lines.push({ kind: 'removed', text, line: oldLine++ });
      else if (raw.startsWith(' ')) {
        lines.push({ kind: 'same', text, line: oldLine++ });
        newLine++;
      }
      // "\ No newline at end of file" cannot occur: both texts end with one.
    }
    const end = hunk.oldStart + Math.max(hunk.oldLines, 1) - 1;
    return { header: `Lines ${hunk.oldStart}–${end}`, lines };
  });
}
