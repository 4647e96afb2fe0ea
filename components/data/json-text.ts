/** JSON typed into a textarea: the parsed value, or a message saying why it is not JSON. */
export type ParsedJson = { ok: true; value: unknown } | { ok: false; error: string };

export function parseJson(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: `is not valid JSON: ${(error as Error).message}` };
  }
}

/** Like parseJson, but the value must be a JSON object (filters, sample data, events). */
export function parseJsonObject(text: string): ParsedJson {
  const parsed = parseJson(text.trim() || '{}');
  if (!parsed.ok) return parsed;
  const { value } = parsed;
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return { ok: false, error: 'must be a JSON object ({…})' };
  return parsed;
}

export function toJsonText(value: unknown): string {
  return JSON.stringify(value ?? {}, null, 2);
}
