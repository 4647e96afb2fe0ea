import { z } from 'zod';

/**
 * How a webhook channel sends the rendered body:
 * - `json`: as rendered, which must be JSON; `content-type: application/json`.
 * - `text`: as rendered, anything; `content-type: text/plain; charset=utf-8`.
 * - `form`: the rendered body must be a JSON object; each key becomes a form field, sent
 *   `application/x-www-form-urlencoded`. Strings, numbers and booleans are sent as their text, null as an empty
 *   value, and an array or object as its JSON text (`{"tags": ["a","b"]}` → `tags=%5B%22a%22%2C%22b%22%5D`).
 * Writing the form as JSON keeps every value escaped by the template's `json` filter rather than by hand.
 */
export const BODY_FORMATS = ['json', 'text', 'form'] as const;
export type BodyFormat = (typeof BODY_FORMATS)[number];

export const bodyFormatSchema = z.enum(BODY_FORMATS).default('json').meta({
  label: 'Body format',
  description:
    'json: the rendered body is sent as JSON; text: as plain text; form: the rendered body is a JSON object, sent as form fields (application/x-www-form-urlencoded).',
});

const CONTENT_TYPES: Record<BodyFormat, string> = {
  json: 'application/json',
  text: 'text/plain; charset=utf-8',
  form: 'application/x-www-form-urlencoded',
};

export class BodyFormatError extends Error {
  override name = 'BodyFormatError';
}

/** The exact request body and its content type; throws a `BodyFormatError` saying why the body does not fit. */
export function encodeWebhookBody(
  format: BodyFormat,
  rendered: string,
): { body: string; contentType: string } {
  const contentType = CONTENT_TYPES[format];
  if (format === 'text') return { body: rendered, contentType };
  let parsed: unknown;
  try {
    parsed = JSON.parse(rendered);
  } catch (error) {
    throw new BodyFormatError(`the rendered body is not JSON: ${(error as Error).message}`);
  }
  if (format === 'json') return { body: rendered, contentType };
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new BodyFormatError(
      `the rendered body must be a JSON object of form fields for body format form, not ${Array.isArray(parsed) ? 'an array' : parsed === null ? 'null' : `a ${typeof parsed}`}`,
    );
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(parsed))
    form.append(key, value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));
  return { body: form.toString(), contentType };
}

/** Why `rendered` cannot be sent in `format`, or undefined. */
export function bodyFormatProblem(format: BodyFormat, rendered: string): string | undefined {
  try {
    encodeWebhookBody(format, rendered);
    return undefined;
  } catch (error) {
    if (error instanceof BodyFormatError) return error.message;
    throw error;
  }
}
