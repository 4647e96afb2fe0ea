import { z } from 'zod';
import { templateProblem } from './templates';

/** A Liquid template string; syntax is checked when the workflow is saved. */
export const templateString = (what: string) =>
  z
    .string()
    .max(100_000)
    .superRefine((value, ctx) => {
      const problem = templateProblem(value);
      if (problem)
        ctx.addIssue({ code: 'custom', message: `${what} is not a valid Liquid template: ${problem}` });
    });

export const stepName = z.string().max(100).optional();
