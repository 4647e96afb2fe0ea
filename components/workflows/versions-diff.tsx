import { cn } from '@/components/ui/cn';
import { type Definition, definitionDiff } from './versions-diff-lines';

const LINE_STYLES = {
  same: 'text-slate-700',
  added: 'bg-emerald-50 text-emerald-900 no-underline',
  removed: 'bg-red-50 text-red-900 no-underline',
} as const;

const MARKS = { same: ' ', added: '+', removed: '−' } as const;

/**
 * A line diff of two definitions (pretty-printed JSON): what is only in `from` is struck out in red (−), what is
 * only in `to` added in green (+); unchanged lines around each change give context.
 */
export function VersionDiff({
  from,
  to,
}: {
  from: { label: string; definition: Definition };
  to: { label: string; definition: Definition };
}) {
  const hunks = definitionDiff(from.definition, to.definition);
  if (hunks.length === 0)
    return (
      <p className="text-sm text-slate-600" data-testid="version-diff">
        No differences: {from.label} and {to.label} hold the same definition.
      </p>
    );
  return (
    <div className="flex flex-col gap-2" data-testid="version-diff">
      <p className="flex flex-wrap gap-x-4 text-xs text-slate-600">
        <span>
          <span className="font-mono text-red-800">−</span> only in {from.label}
        </span>
        <span>
          <span className="font-mono text-emerald-800">+</span> only in {to.label}
        </span>
      </p>
      <div className="max-h-[32rem] overflow-auto rounded-md border border-slate-200 bg-white font-mono text-xs">
        {hunks.map((hunk) => (
          <section key={hunk.header} aria-label={hunk.header}>
            <p className="border-y border-slate-100 bg-slate-50 px-3 py-1 text-slate-600 first:border-t-0">
              {hunk.header}
            </p>
            {hunk.lines.map((line) => {
              const Tag = line.kind === 'added' ? 'ins' : line.kind === 'removed' ? 'del' : 'div';
              return (
                <Tag
                  key={`${line.kind}-${line.line}`}
                  className={cn('flex whitespace-pre-wrap break-all px-3', LINE_STYLES[line.kind])}
                >
                  <span aria-hidden className="w-4 shrink-0 select-none">
                    {MARKS[line.kind]}
                  </span>
                  {line.kind === 'same' ? null : <span className="sr-only">{line.kind}: </span>}
                  <span>{line.text}</span>
                </Tag>
              );
            })}
          </section>
        ))}
      </div>
    </div>
  );
}
