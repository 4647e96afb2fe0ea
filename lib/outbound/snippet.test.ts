import { describe, expect, it } from 'vitest';
import { snippet } from './snippet';

describe('snippet', () => {
  it('keeps short answers whole and cuts long ones at 500 units', () => {
    expect(snippet('ok')).toBe('ok');
    expect(snippet('x'.repeat(600))).toBe('x'.repeat(500));
  });

  it('does not end in half of an emoji', () => {
    const answer = `${'x'.repeat(499)}😀 and more`;
    expect(snippet(answer)).toBe('x'.repeat(499));
    expect(snippet(`${'x'.repeat(498)}😀 and more`)).toBe(`${'x'.repeat(498)}😀`);
  });
});
