export type Cell = string | number;

/** A number for a table: integers as such, small values with `digits` decimals, missing values as "–". */
export function fmt(value: number | undefined, digits = 0): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Prints a markdown table with aligned columns (paste it into docs/benchmarks.md as is). */
export function printTable(title: string, header: string[], rows: Cell[][]): void {
  const text = rows.map((row) => row.map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...text.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const out = [
    `\n### ${title}\n`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...text.map(line),
    '',
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}
