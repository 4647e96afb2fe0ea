import sift from 'sift';
import { z } from 'zod';

/**
 * Filters are MongoDB-style queries (`{"event_type": "user.created", "data.plan": {"$in": ["pro"]}}`) evaluated
 * by sift, which supports dotted paths and the usual operators ($eq $ne $in $nin $gt $gte $lt $lte $exists
 * $regex $and $or $nor $not $all $size $elemMatch $type $mod).
 */
export type Filter = Record<string, unknown>;

// sift's `$where` runs its argument as JavaScript (`new Function`). Filters arrive through the API, so the
// operator is replaced by one that refuses to compile: saving or testing such a filter fails validation.
const options = {
  operations: {
    $where: (): never => {
      throw new Error('$where is not supported');
    },
  },
};

export const filterSchema = z
  .record(z.string(), z.unknown())
  .default({})
  .superRefine((filter, ctx) => {
    const problem = filterProblem(filter);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe('MongoDB-style query over the event, e.g. {"event_type": "user.created"}; {} matches everything');

/** Why a filter cannot be compiled, or undefined when it is fine. */
export function filterProblem(filter: Filter): string | undefined {
  try {
    sift(filter, options);
    return undefined;
  } catch (error) {
    return `invalid filter: ${(error as Error).message}`;
  }
}

export function compileFilter(filter: Filter | undefined): (doc: unknown) => boolean {
  if (!filter || Object.keys(filter).length === 0) return () => true;
  const test = sift(filter, options);
  return (doc) => test(doc);
}

export function matches(filter: Filter | undefined, doc: unknown): boolean {
  return compileFilter(filter)(doc);
}
