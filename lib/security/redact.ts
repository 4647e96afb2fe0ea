/** An API key anywhere in a string (`sbk_` and its 43 base64url characters, or a truncated paste of one). */
const API_KEY = /sbk_[A-Za-z0-9_-]{8,}/g;

/**
 * A URL or path fit for a log line: a client that put its API key into the URL (a path segment, `?api_key=`)
 * must not get it written to the logs. The key's public prefix stays, to say which key it was.
 */
export function redactApiKeys(text: string): string {
  return text.replace(API_KEY, (key) => `${key.slice(0, 10)}…[redacted]`);
}
