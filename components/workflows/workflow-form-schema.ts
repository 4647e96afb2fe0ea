import { z } from 'zod';
import { parseJson } from '@/components/data/json-text';
import { pipeTo } from '@/components/forms/text-values';
import { createWorkflowSchema, updateWorkflowSchema, type WorkflowView } from '@/lib/workflows/schemas';
import { stepDefinition } from '@/lib/workflows/steps';
import { type StepDraft, type StepType, toStep } from './step-drafts';
import { initialSteps } from './steps-json';

/** The workflow form's values: the request body's shape, steps as drafts (or as JSON text in JSON mode). */
export interface WorkflowFormValues {
  key: string;
  name: string;
  description: string;
  enabled: boolean;
  steps: StepDraft[];
  /** The whole steps array as text while editing as JSON; null in form mode. */
  stepsJson: string | null;
}

export function workflowFormValues(workflow?: WorkflowView): WorkflowFormValues {
  const steps = initialSteps(workflow?.steps ?? []);
  return {
    key: workflow?.key ?? '',
    name: workflow?.name ?? '',
    description: workflow?.description ?? '',
    enabled: workflow?.enabled ?? true,
    steps: steps.drafts,
    stepsJson: steps.json,
  };
}

export interface FormIssue {
  path: PropertyKey[];
  message: string;
}

/**
 * A step's problems as its type's own schema (the registry the API's step union is made of) states them, at
 * field paths. Where a type has variants (delay: seconds or until) the closest one speaks. The API's union would
 * only name the step.
 */
export function stepIssues(step: Record<string, unknown>): FormIssue[] {
  const schema = stepDefinition(step.type as StepType).schema;
  const variants = schema instanceof z.ZodUnion ? (schema.options as z.ZodType[]) : [schema];
  let closest: FormIssue[] | undefined;
  for (const variant of variants) {
    const result = variant.safeParse(step);
    if (result.success) return [];
    if (!closest || result.error.issues.length < closest.length) closest = result.error.issues;
  }
  return closest ?? [];
}

type Api = typeof createWorkflowSchema | typeof updateWorkflowSchema;

/**
 * The request body for the form's values, and every problem with it at the form's paths: text that cannot be
 * read, each step against its type's schema, and the rest of the API's schema (key, name, the list of steps).
 */
export function readWorkflowForm(values: WorkflowFormValues, api: Api) {
  const issues: FormIssue[] = [];
  let steps: unknown[] = [];
  if (values.stepsJson !== null) {
    const parsed = parseJson(values.stepsJson);
    if (!parsed.ok) issues.push({ path: ['stepsJson'], message: `Steps ${parsed.error}` });
    else if (!Array.isArray(parsed.value))
      issues.push({ path: ['stepsJson'], message: 'Steps must be a JSON array.' });
    else steps = parsed.value;
  } else {
    steps = values.steps.map((draft, index) => {
      const { step, problems } = toStep(draft);
      // A field whose text could not be read says so; the schema's message about it would only repeat it.
      const unread = new Set(problems.map((problem) => problem.path.join('.')));
      const checked = stepIssues(step).filter((issue) => !unread.has(issue.path.join('.')));
      for (const issue of [...problems, ...checked])
        issues.push({ ...issue, path: ['steps', index, ...issue.path] });
      return step;
    });
  }
  const description = values.description.trim() || null;
  const body = { name: values.name, description, enabled: values.enabled, steps };
  const input = api === createWorkflowSchema ? { key: values.key, ...body } : body;
  const result = api.safeParse(input);
  for (const issue of result.error?.issues ?? []) {
    // In form mode each step was checked above, field by field.
    if (values.stepsJson === null && issue.path[0] === 'steps' && issue.path.length > 1) continue;
    issues.push(issue);
  }
  return { input, issues };
}

function build(api: Api) {
  const read = z.custom<WorkflowFormValues>().transform((values, ctx) => {
    const { input, issues } = readWorkflowForm(values, api);
    for (const { path, message } of issues) ctx.addIssue({ code: 'custom', path, message, input: values });
    return input;
  });
  return pipeTo(read, api);
}

const createSchema = build(createWorkflowSchema);
const updateSchema = build(updateWorkflowSchema);

/** The form's schema: the API's workflow schema (create, or update without the key) behind the drafts. */
export function workflowFormSchema(mode: 'create' | 'update') {
  return mode === 'create' ? createSchema : updateSchema;
}
