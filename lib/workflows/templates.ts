import { Liquid, type Template } from 'liquidjs';

/**
 * Liquid templates with strict variables and filters: a typo in a template is a clear, permanent error naming
 * the variable and line, never a silently empty message.
 */
const engine = new Liquid({ strictVariables: true, strictFilters: true, cache: 500, ownPropertyOnly: true });

export class TemplateError extends Error {
  override name = 'TemplateError';
}

/** `{event, data, recipient, …}`: any plain object of values a template may read. */
export type TemplateScope = object;

/**
 * Parsed templates by source. liquidjs caches only templates it loads from files, and a workflow's templates are
 * rendered for every message: parsing them once per process saves most of the rendering time.
 */
const parsed = new Map<string, Template[]>();
const MAX_PARSED = 1_000;

function parseCached(template: string): Template[] {
  let found = parsed.get(template);
  if (!found) {
    found = engine.parse(template);
    if (parsed.size >= MAX_PARSED) parsed.clear();
    parsed.set(template, found);
  }
  return found;
}

/**
 * Renders synchronously (no filter of ours is asynchronous): liquidjs's async rendering costs about twice as much
 * per template in promises alone. Kept async for callers, so an async filter could be added later.
 */
export async function render(template: string, scope: TemplateScope, label = 'template'): Promise<string> {
  return renderNow(template, scope, label);
}

/** `render`, synchronously: for checks that run inside a zod schema (a channel's payload template). */
export function renderNow(template: string, scope: TemplateScope, label = 'template'): string {
  try {
    return engine.renderSync(parseCached(template), scope) as string;
  } catch (error) {
    throw new TemplateError(`${label}: ${(error as Error).message}`);
  }
}

/** Checks syntax without rendering; returns the problem or undefined. */
export function templateProblem(template: string): string | undefined {
  try {
    engine.parse(template);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
