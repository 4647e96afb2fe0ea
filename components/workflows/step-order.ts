/**
 * Keyboard reordering on a step's handle: Alt+ArrowUp/ArrowDown move the step one place, Alt+Home/End to the
 * first or last place. The new index, or null when the key does not move it (not a shortcut, or already there).
 */
export function reorderTarget(
  event: { key: string; altKey: boolean },
  index: number,
  count: number,
): number | null {
  if (!event.altKey) return null;
  const target =
    event.key === 'ArrowUp'
      ? index - 1
      : event.key === 'ArrowDown'
        ? index + 1
        : event.key === 'Home'
          ? 0
          : event.key === 'End'
            ? count - 1
            : null;
  if (target === null || target < 0 || target >= count || target === index) return null;
  return target;
}

/** What a screen reader hears after a move. */
export function movedMessage(from: number, to: number, count: number): string {
  return `Step ${from + 1} moved to position ${to + 1} of ${count}.`;
}
