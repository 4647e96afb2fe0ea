import { useCallback, useState } from 'react';

/** Ticked rows (kept across pages), or every message matching the filter (not only the rows shown). */
export type Selection = { all: false; ids: ReadonlySet<string> } | { all: true };

const NONE: Selection = { all: false, ids: new Set() };

/** Row selection that starts over whenever the filter (`scope`) changes. */
export function useSelection(scope: string) {
  const [selection, setSelection] = useState<Selection>(NONE);
  // React's "adjust state when a prop changes": a new filter drops the selection during this render.
  const [selectedIn, setSelectedIn] = useState(scope);
  if (selectedIn !== scope) {
    setSelectedIn(scope);
    setSelection(NONE);
  }

  const toggle = useCallback((id: string) => {
    setSelection((current) => {
      const ids = new Set(current.all ? [] : current.ids);
      if (!ids.delete(id)) ids.add(id);
      return { all: false, ids };
    });
  }, []);
  const setRows = useCallback((ids: string[], selected: boolean) => {
    setSelection((current) => {
      const next = new Set(current.all ? [] : current.ids);
      for (const id of ids) {
        if (selected) next.add(id);
        else next.delete(id);
      }
      return { all: false, ids: next };
    });
  }, []);
  const selectAll = useCallback(() => setSelection({ all: true }), []);
  const clear = useCallback(() => setSelection(NONE), []);

  return { selection, toggle, setRows, selectAll, clear };
}

export function isSelected(selection: Selection, id: string): boolean {
  return selection.all || selection.ids.has(id);
}
