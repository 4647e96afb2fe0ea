import { z } from 'zod';
import { type OpenAPIRegistry, route } from './registry';

export function registerOpenApiDocumentApi(registry: OpenAPIRegistry): void {
  route(registry, {
    method: 'get',
    path: '/api/v1/openapi.json',
    operationId: 'getOpenApiDocument',
    summary: 'This OpenAPI document',
    tag: 'Meta',
    access: 'public',
    success: {
      status: 200,
      description: 'The OpenAPI 3.1 document, generated from the schemas that validate requests',
      schema: z.record(z.string(), z.unknown()),
    },
  });
}
