import { type OpenAPIRegistry, zodToOpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { Access } from '../api/principal';
import { type ProblemStatus, problemComponentName } from './problem';

export type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';

/**
 * Names a schema as `#/components/schemas/<name>` by tagging the instance itself. zod-to-openapi's own
 * `.openapi(name)` returns a clone, which would document a copy rather than the schema the route validates
 * with, and would not turn the places that nest the original into `$ref`s.
 */
export function named<T extends z.ZodType>(name: string, schema: T): T {
  const meta = zodToOpenAPIRegistry.get(schema) ?? {};
  zodToOpenAPIRegistry.add(schema, { ...meta, _internal: { ...meta._internal, refId: name } });
  return schema;
}

/** The `{data, next_cursor, prev_cursor}` envelope of every list. */
export function pageOf(name: string, item: z.ZodType) {
  return named(
    name,
    z.object({
      data: z.array(item),
      next_cursor: z
        .string()
        .nullable()
        .describe('pass as `cursor` for the next (older) page; null on the last'),
      prev_cursor: z
        .string()
        .nullable()
        .describe('pass as `before` for the previous (newer) page; null on the first'),
    }),
  );
}

export const SECURITY_SCHEMES = { apiKey: 'apiKey', session: 'session' } as const;

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteDoc {
  method: Method;
  /** The full path with `{param}` placeholders, e.g. `/api/v1/workflows/{key}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  access: Access | 'public';
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** Request headers the route reads itself (e.g. `Idempotency-Key`); auth headers come from `access`. */
  headers?: z.ZodObject;
  body?: z.ZodType;
  /** The body's media type when it is not JSON (e.g. `multipart/form-data`). */
  bodyContentType?: string;
  success: { status: 200 | 201 | 202 | 204; description: string; schema?: z.ZodType; contentType?: string };
  /** Errors beyond those implied by access, body, query and params (401/403, 400/413/415/422, 404). */
  errors?: ProblemStatus[];
}

const ACCESS_TEXT: Record<Access | 'public', string> = {
  public: 'No authentication.',
  read: 'Requires `read` access: any signed-in user or an admin API key.',
  trigger: 'Requires `trigger` access: an admin user, or an admin or trigger API key.',
  admin: 'Requires `admin` access: an admin user or an admin API key.',
};

/** Registers one operation. Pass the very schemas given to `withApi` for the route, never a copy. */
export function route(registry: OpenAPIRegistry, doc: RouteDoc): void {
  const json = (schema: z.ZodType, type = 'application/json') => ({ content: { [type]: { schema } } });
  registry.registerPath({
    method: doc.method,
    path: doc.path,
    operationId: doc.operationId,
    summary: doc.summary,
    description: [doc.description, ACCESS_TEXT[doc.access]].filter(Boolean).join('\n\n'),
    tags: [doc.tag],
    'x-switchboard-access': doc.access,
    security:
      doc.access === 'public' ? [] : [{ [SECURITY_SCHEMES.apiKey]: [] }, { [SECURITY_SCHEMES.session]: [] }],
    request: {
      ...(doc.params ? { params: doc.params } : {}),
      ...(doc.query ? { query: doc.query } : {}),
      ...(doc.headers ? { headers: doc.headers } : {}),
      ...(doc.body ? { body: { required: true, ...json(doc.body, doc.bodyContentType) } } : {}),
    },
    responses: {
      [doc.success.status]: {
        description: doc.success.description,
        ...(doc.success.schema ? json(doc.success.schema, doc.success.contentType) : {}),
      },
      ...Object.fromEntries(
        errorStatuses(doc).map((status) => [
          status,
          { $ref: `#/components/responses/${problemComponentName(status)}` },
        ]),
      ),
    },
  });
}

/** The problems a route can answer with: implied by how it is called, plus the ones it names. */
function errorStatuses(doc: RouteDoc): ProblemStatus[] {
  const implied: ProblemStatus[] = [
    ...(doc.access === 'public' ? [] : ([401, 403] as const)),
    ...(doc.body ? ([400, 413, 415, 422] as const) : []),
    ...(doc.query || doc.headers ? ([400, 422] as const) : []),
    ...(doc.params ? ([404, 422] as const) : []),
  ];
  return [...new Set([...implied, ...(doc.errors ?? [])])].sort((a, b) => a - b);
}
