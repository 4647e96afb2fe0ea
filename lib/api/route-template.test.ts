import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { routeTemplate } from './route-template';

/** Every route handler's template under app/api, from the file system as Next.js reads it. */
function routeTemplates(dir: string, prefix: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return routeTemplates(path.join(dir, entry.name), `${prefix}/${entry.name}`);
    return entry.name === 'route.ts' ? [prefix] : [];
  });
}

describe('routeTemplate', () => {
  const templates = routeTemplates(path.resolve(import.meta.dirname, '../../app/api'), '/api');

  it.each(templates)('gives back %s from a concrete path and its params', (template) => {
    const params: Record<string, string | string[]> = {};
    const concrete = template.replace(
      /\[(\.\.\.)?([^\]]+)\]/g,
      (_, rest: string | undefined, name: string) => {
        const value = rest ? ['a b', 'c'] : `v-${name}-${Math.random().toString(36).slice(2)}`;
        params[name] = value;
        return Array.isArray(value) ? value.map(encodeURIComponent).join('/') : encodeURIComponent(value);
      },
    );
    expect(routeTemplate(concrete, params)).toBe(template);
  });

  it('finds ids even when a value looks like a static segment further on', () => {
    expect(routeTemplate('/api/v1/workflows/trigger/trigger', { key: 'trigger' })).toBe(
      '/api/v1/workflows/[key]/trigger',
    );
  });

  it('says unmatched rather than leaking a path its params do not explain', () => {
    expect(routeTemplate('/api/v1/channels/123', { id: '456' })).toBe('unmatched');
  });
});
