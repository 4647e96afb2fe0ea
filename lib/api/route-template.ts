type Params = Record<string, string | string[] | undefined>;

const decode = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/**
 * The route template of a request (`/api/v1/channels/[id]`) for metric labels, from its path and the params
 * Next.js matched: each param's value is put back as `[name]` (`[...name]` for catch-alls), in the order of
 * the route's segments. A path that does not fit its params gives `unmatched` rather than a raw path, so the
 * label never carries ids or user input.
 */
export function routeTemplate(pathname: string, params: Params): string {
  const segments = pathname.split('/');
  const entries = Object.entries(params).filter(([, value]) => value !== undefined);
  let from = 1;
  for (const [name, value] of entries) {
    if (Array.isArray(value)) {
      // A catch-all takes the rest of the path in one piece.
      const at = segments.findIndex((s, i) => i >= from && decode(s) === value[0]);
      if (at < 0) return 'unmatched';
      segments.splice(at, value.length, `[...${name}]`);
      from = at + 1;
      continue;
    }
    const at = segments.findIndex((s, i) => i >= from && decode(s) === value);
    if (at < 0) return 'unmatched';
    segments[at] = `[${name}]`;
    from = at + 1;
  }
  return segments.join('/') || '/';
}
