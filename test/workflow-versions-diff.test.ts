import { describe, expect, it } from 'vitest';
import { type Definition, definitionDiff } from '@/components/workflows/versions-diff-lines';

const base: Definition = {
  name: 'Welcome',
  description: null,
  enabled: true,
  steps: [
    { type: 'delay', seconds: 60 },
    { type: 'condition', filter: { 'data.plan': 'pro' } },
  ],
};

describe('definitionDiff', () => {
  it('finds nothing between equal definitions', () => {
    expect(definitionDiff(base, structuredClone(base))).toEqual([]);
  });

  it('shows a changed value as the old line removed and the new one added, with context around it', () => {
    const changed = { ...base, steps: [{ type: 'delay' as const, seconds: 300 }, base.steps[1]!] };
    const [hunk, ...rest] = definitionDiff(base, changed);
    expect(rest).toEqual([]);
    const changes = hunk!.lines.filter((line) => line.kind !== 'same');
    expect(changes).toEqual([
      { kind: 'removed', text: '      "seconds": 60', line: 8 },
      { kind: 'added', text: '      "seconds": 300', line: 8 },
    ]);
    expect(hunk!.lines.filter((line) => line.kind === 'same').length).toBeGreaterThanOrEqual(3);
  });

  it('lists a removed step line by line and a renamed workflow in its own hunk', () => {
    const changed = { ...base, name: 'Hello', steps: [base.steps[0]!] };
    const hunks = definitionDiff(base, changed);
    const removed = hunks.flatMap((h) =>
      h.lines.filter((l) => l.kind === 'removed').map((l) => l.text.trim()),
    );
    const added = hunks.flatMap((h) => h.lines.filter((l) => l.kind === 'added').map((l) => l.text.trim()));
    expect(removed).toContain('"name": "Welcome",');
    expect(added).toContain('"name": "Hello",');
    expect(removed).toContain('"type": "condition",');
    expect(added.some((text) => text.includes('condition'))).toBe(false);
  });
});
