import type { Components, JsonSchema } from './schema-arbitrary';

/** One operation of the OpenAPI document, reduced to what a request generator needs. */
export interface Operation {
  id: string;
  method: string;
  /** `/api/v1/channels/{id}` */
  template: string;
  pathParams: string[];
  query: { name: string; schema: JsonSchema; required: boolean }[];
  body?: { contentType: string; schema: JsonSchema };
  access: string;
}

interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonSchema;
}

interface OpenApiOperation {
  operationId: string;
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  'x-switchboard-access'?: string;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Components };
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const parameters = op.parameters ?? [];
      const [contentType, media] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
      operations.push({
        id: op.operationId,
        method: method.toUpperCase(),
        template,
        pathParams: [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
        query: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema ?? {}, required: p.required ?? false })),
        ...(contentType && media ? { body: { contentType, schema: media.schema } } : {}),
        access: op['x-switchboard-access'] ?? 'unknown',
      });
    }
  }
  return operations.sort((a, b) => a.id.localeCompare(b.id));
}

/** The resource whose ids fill a path parameter: `/api/v1/hooks/{trigger_id}` takes trigger ids. */
export function resourceOf(template: string, param: string): string {
  if (param === 'trigger_id') return 'triggers';
  if (param === 'channel_id') return 'channels';
  return template.split('/')[3] ?? 'unknown';
}
