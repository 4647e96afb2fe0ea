'use client';

import { diffLines } from 'diff';
import { cn } from '@/components/ui/cn';
import { CodeBlock } from '@/components/ui/code-block';
import type { AuditEntryView } from './queries';

type Values = Record<string, unknown>;

const isObject = (value: unknown): value is Values =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const pretty = (value: unknown) => JSON.stringify(value, null, 2) ?? 'null';
const isNested = (value: unknown) => typeof value === 'object' && value !== null;

/** A scalar as text (strings unquoted); nested values go through `pretty`. */
function Scalar({ value }: { value: unknown }) {
  if (value === undefined) return <span className="text-slate-400">—</span>;
  if (value === null) return <span className="text-slate-500">null</span>;
  return (
    <span className="break-all font-mono text-xs">{typeof value === 'string' ? value : String(value)}</span>
  );
}

/** A nested value's change as a line diff of its JSON: removed lines red, added lines green. */
function NestedDiff({ before, after }: { before: unknown; after: unknown }) {
  const parts = diffLines(
    before === undefined ? '' : pretty(before),
    after === undefined ? '' : pretty(after),
  );
  return (
    <CodeBlock className="p-0">
      {parts.map((part, index) => (
        <span
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one diff have no identity but their order.
          key={index}
          className={cn(
            'block px-3',
            part.added && 'bg-emerald-50 text-emerald-800',
            part.removed && 'bg-red-50 text-red-800 line-through decoration-red-300',
          )}
        >
          {part.value
            .replace(/\n$/, '')
            .split('\n')
            .map((line) => `${part.added ? '+ ' : part.removed ? '- ' : '  '}${line}`)
            .join('\n')}
        </span>
      ))}
    </CodeBlock>
  );
}

/** One row per field: before and after side by side (nested values as a line diff across both columns). */
function FieldRows({ before, after }: { before?: Values; after?: Values }) {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  if (keys.length === 0) return <p className="text-sm text-slate-500">No field changed.</p>;
  const both = before !== undefined && after !== undefined;
  return (
    <table className="w-full table-fixed border-collapse text-left text-sm" aria-label="Changed fields">
      <thead>
        <tr className="text-xs text-slate-500">
          <th scope="col" className="w-40 py-1 pr-3 font-medium">
            Field
          </th>
          {both ? (
            <>
              <th scope="col" className="py-1 pr-3 font-medium">
                Before
              </th>
              <th scope="col" className="py-1 font-medium">
                After
              </th>
            </>
          ) : (
            <th scope="col" className="py-1 font-medium">
              {after ? 'Value' : 'Value removed'}
            </th>
          )}
        </tr>
      </thead>
      <tbody className="align-top">
        {keys.map((key) => {
          const was = before?.[key];
          const now = after?.[key];
          const nested = isNested(was) || isNested(now);
          return (
            <tr key={key} className="border-t border-slate-100">
              <th scope="row" className="py-1.5 pr-3 font-mono text-xs font-normal text-slate-600">
                {key}
              </th>
              {nested ? (
                <td colSpan={both ? 2 : 1} className="py-1.5">
                  {both ? (
                    <NestedDiff before={was} after={now} />
                  ) : (
                    <CodeBlock>{pretty(now ?? was)}</CodeBlock>
                  )}
                </td>
              ) : both ? (
                <>
                  <td className="py-1.5 pr-3 text-red-700">
                    <Scalar value={was} />
                  </td>
                  <td className="py-1.5 text-emerald-700">
                    <Scalar value={now} />
                  </td>
                </>
              ) : (
                <td className="py-1.5">
                  <Scalar value={now ?? was} />
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * An entry's `changes` (lib/audit/changes.ts): the fields before and after for updates, the new resource for a
 * create, what was removed for a delete, and an action's own details (reason, counts, ids). Older entries that
 * predate that shape show as their JSON.
 */
export function AuditChanges({ entry }: { entry: AuditEntryView }) {
  const changes = entry.changes;
  const before = isObject(changes?.before) ? changes.before : undefined;
  const after = isObject(changes?.after) ? changes.after : undefined;
  const details = Object.entries(changes ?? {}).filter(([key]) => key !== 'before' && key !== 'after');
  return (
    <div className="flex flex-col gap-3 py-1">
      {before || after ? <FieldRows before={before} after={after} /> : null}
      {details.length > 0 ? (
        <dl className="grid grid-cols-[10rem_1fr] gap-x-3 gap-y-1.5 text-sm">
          {details.map(([key, value]) => (
            <div key={key} className="contents">
              <dt className="font-mono text-xs text-slate-600">{key}</dt>
              <dd className="min-w-0">
                {isNested(value) ? <CodeBlock>{pretty(value)}</CodeBlock> : <Scalar value={value} />}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {!changes ? <p className="text-sm text-slate-500">This entry records no field values.</p> : null}
      <p className="text-xs text-slate-500">
        Entry {entry.id}
        {entry.request_id ? (
          <>
            {' '}
            · request <span className="font-mono">{entry.request_id}</span>
          </>
        ) : null}
        {entry.actor_id ? (
          <>
            {' '}
            · {entry.actor_type} <span className="font-mono">{entry.actor_id}</span>
          </>
        ) : null}
      </p>
    </div>
  );
}
