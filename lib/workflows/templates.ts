import { Liquid } from 'liquidjs';

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

export async function render(template: string, scope: TemplateScope, label = 'template'): Promise<string> {
  try {
    return await engine.parseAndRender(template, scope);
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
