import type { Locator } from '@playwright/test';

/** An enabled control as assistive technology sees it: its role, accessible name and the landmarks around it. */
export interface Control {
  role: string;
  name: string;
  /** A link's target. */
  url?: string;
  /** The roles (and names) of the nodes it sits in, outermost first: `search "Message filters"`. */
  within: string[];
}

// Roles a user operates; everything else (text, tables, landmarks) only holds them.
const CONTROL_ROLES = new Set([
  'button',
  'link',
  'checkbox',
  'radio',
  'switch',
  'textbox',
  'searchbox',
  'combobox',
  'spinbutton',
  'slider',
  'listbox',
  'tab',
  'menuitem',
  'menuitemcheckbox',
  'menuitemradio',
  'treeitem',
]);

interface Entry {
  role: string;
  name: string;
  disabled: boolean;
}

/** `'…'` (YAML single-quoted, `''` for a quote) around a key that needs quoting; the rest of the line after it. */
function unquoteKey(text: string): { key: string; rest: string } {
  if (!text.startsWith("'")) {
    const colon = text.search(/:( |$)/);
    return colon < 0 ? { key: text, rest: '' } : { key: text.slice(0, colon), rest: text.slice(colon) };
  }
  let key = '';
  for (let i = 1; i < text.length; i++) {
    if (text[i] === "'" && text[i + 1] === "'") {
      key += "'";
      i++;
    } else if (text[i] === "'") return { key, rest: text.slice(i + 1) };
    else key += text[i];
  }
  return { key, rest: '' };
}

/** `button "Save changes" [disabled]`: the role, the JSON-quoted name and the flags in brackets. */
function parseKey(key: string): Entry {
  const role = key.split(' ', 1)[0] ?? '';
  let rest = key.slice(role.length).trimStart();
  let name = '';
  if (rest.startsWith('"')) {
    let end = 1;
    while (end < rest.length && rest[end] !== '"') end += rest[end] === '\\' ? 2 : 1;
    name = JSON.parse(rest.slice(0, end + 1)) as string;
    rest = rest.slice(end + 1);
  }
  return { role, name, disabled: /\[disabled\]/.test(rest) };
}

/**
 * Every visible, enabled control inside `scope`, read from Playwright's ARIA snapshot: the same accessible names
 * and disabled states (a disabled fieldset included) that `getByRole` matches on. Closed dialogs and hidden
 * elements are not in the snapshot.
 */
export async function enabledControls(scope: Locator): Promise<Control[]> {
  const snapshot = await scope.ariaSnapshot();
  const controls: Control[] = [];
  const open: { depth: number; label: string; control?: Control }[] = [];
  for (const line of snapshot.split('\n')) {
    const match = /^( *)- (.*)$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 2;
    while (open.length && open.at(-1)!.depth >= depth) open.pop();
    const text = match[2]!;
    if (text.startsWith('/url: ')) {
      const parent = open.at(-1)?.control;
      if (parent) parent.url = text.slice('/url: '.length).replace(/^"(.*)"$/, '$1');
      continue;
    }
    if (text.startsWith('/') || text.startsWith('text:') || text.startsWith('"')) continue;
    const entry = parseKey(unquoteKey(text).key);
    const label = entry.name ? `${entry.role} "${entry.name}"` : entry.role;
    const control =
      CONTROL_ROLES.has(entry.role) && !entry.disabled
        ? { role: entry.role, name: entry.name, within: open.map((o) => o.label) }
        : undefined;
    if (control) controls.push(control);
    open.push({ depth, label, control });
  }
  return controls;
}

export const describeControl = (control: Control) =>
  `${control.role} "${control.name}"${control.url ? ` → ${control.url}` : ''}`;
