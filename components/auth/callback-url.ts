/** Where to go after signing in: only a path on this site, never another origin (`//evil.example`, `/\evil`). */
export function safeCallbackUrl(value: string | null | undefined): string {
  return value && /^\/(?![/\\])/.test(value) ? value : '/';
}
