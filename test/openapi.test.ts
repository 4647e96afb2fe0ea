import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as openapiRoute from '../app/api/v1/openapi.json/route';
import { buildOpenApiDocument } from '../lib/openapi/document';
import { call } from './support/factories';
import { ROOT } from './support/processes';

const API_DIR = path.join(ROOT, 'app/api/v1');
const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === 'route.ts' ? [full] : [];
  });
}

/** `app/api/v1/workflows/[key]/route.ts` → `/api/v1/workflows/{key}`; route groups `(x)` are not in the URL. */
function urlPath(file: string): string {
  const segments = path
    .relative(path.join(ROOT, 'app'), path.dirname(file))
    .split(path.sep)
    .filter((segment) => !/^\(.*\)$/.test(segment))
    .map((segment) => segment.replace(/^\[(?:\.\.\.)?(.+)\]$/, '{$1}'));
  return `/${segments.join('/')}`;
}

/** Exported HTTP handlers, read from the source (not imported, so a half-finished route cannot break this). */
function exportedMethods(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const names: string[] = [];
  const exported = (node: ts.Node) =>
    ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement) && exported(statement)) {
      for (const declaration of statement.declarationList.declarations)
        if (ts.isIdentifier(declaration.name)) names.push(declaration.name.text);
    } else if (ts.isFunctionDeclaration(statement) && exported(statement) && statement.name) {
      names.push(statement.name.text);
    } else if (
      ts.isExportDeclaration(statement) &&
      statement.exportClause &&
      ts.isNamedExports(statement.exportClause)
    ) {
      for (const element of statement.exportClause.elements) names.push(element.name.text);
    }
  }
  return names.filter((name) => HTTP_METHODS.has(name));
}

function operationsInTree(): string[] {
  return routeFiles(API_DIR).flatMap((file) => exportedMethods(file).map((m) => `${m} ${urlPath(file)}`));
}

function operationsInDocument(doc: ReturnType<typeof buildOpenApiDocument>): string[] {
  return Object.entries(doc.paths ?? {}).flatMap(([p, item]) =>
    Object.keys(item)
      .filter((key) => HTTP_METHODS.has(key.toUpperCase()))
      .map((method) => `${method.toUpperCase()} ${p}`),
  );
}

describe('OpenAPI document', () => {
  const doc = buildOpenApiDocument();

  it('is a valid OpenAPI 3.1 document', async () => {
    // The validator dereferences in place, so it gets a copy.
    const api = await SwaggerParser.validate(structuredClone(doc) as never);
    expect((api as { openapi?: string }).openapi).toBe('3.1.0');
  });

  it('documents every route handler under app/api/v1, and nothing else', () => {
    const tree = operationsInTree();
    expect(tree).toContain('GET /api/v1/openapi.json');
    expect(tree).toContain('GET /api/v1/workflows/{key}');
    const documented = operationsInDocument(doc);
    expect({ undocumented: tree.filter((op) => !documented.includes(op)) }).toEqual({ undocumented: [] });
    expect({ documentedButMissing: documented.filter((op) => !tree.includes(op)) }).toEqual({
      documentedButMissing: [],
    });
  });

  it('describes auth, problem responses, bodies and parameters', () => {
    expect(Object.keys(doc.components?.securitySchemes ?? {}).sort()).toEqual(['apiKey', 'session']);
    const operations = JSON.stringify(doc.paths);
    const problems = {
      400: 'malformed',
      401: 'unauthorized',
      403: 'forbidden',
      404: 'not_found',
      409: 'conflict',
      413: 'too_large',
      415: 'unsupported_media_type',
      422: 'invalid',
    };
    for (const [status, name] of Object.entries(problems)) {
      expect(doc.components?.responses?.[name], name).toBeDefined();
      expect(operations).toContain(`"${status}":{"$ref":"#/components/responses/${name}"}`);
    }
    expect(doc.components?.responses?.invalid).toMatchObject({
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
    const create = doc.paths?.['/api/v1/workflows']?.post;
    expect(create?.requestBody).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateWorkflow' } } },
    });
    expect(create?.responses?.['409']).toEqual({ $ref: '#/components/responses/conflict' });
    const get = doc.paths?.['/api/v1/workflows/{key}']?.get;
    expect(get?.parameters).toEqual([expect.objectContaining({ name: 'key', in: 'path', required: true })]);
    const list = doc.paths?.['/api/v1/triggers']?.get;
    expect(list?.parameters?.map((p) => ('name' in p ? p.name : p.$ref))).toEqual([
      'limit',
      'cursor',
      'before',
      'workflow_id',
      'type',
    ]);
    expect(doc.paths?.['/api/v1/openapi.json']?.get?.security).toEqual([]);
  });

  it('documents paging both ways on every cursor-paginated list', () => {
    const doc = buildOpenApiDocument();
    const lists = Object.entries(doc.paths ?? {}).flatMap(([url, item]) => {
      const names = (item?.get?.parameters ?? []).map((p) => ('name' in p ? p.name : p.$ref));
      return names.includes('cursor') ? [{ url, names, ok: item?.get?.responses?.['200'] }] : [];
    });
    expect(lists.length).toBeGreaterThanOrEqual(11);
    for (const { url, names, ok } of lists) {
      expect(names, url).toContain('before');
      const ref = JSON.stringify(ok).match(/#\/components\/schemas\/(\w+)/)?.[1];
      expect(ref, url).toBeDefined();
      const page = doc.components?.schemas?.[ref!] as { properties?: Record<string, unknown> };
      expect(Object.keys(page.properties ?? {}), url).toEqual(['data', 'next_cursor', 'prev_cursor']);
    }
  });

  it('is served without authentication', async () => {
    const res = await call(openapiRoute.GET, { path: '/api/v1/openapi.json' });
    expect(res.status).toBe(200);
    const served = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(served.openapi).toBe('3.1.0');
    expect(Object.keys(served.paths)).toContain('/api/v1/triggers/test-filter');
  });
});
