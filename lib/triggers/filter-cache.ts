import { logger } from '../logger';
import { compileFilter, type Filter } from '../workflows/filters';

type Test = (doc: unknown) => boolean;

// Triggers are read on every event; compiling a sift query is the expensive part, so each trigger's compiled
// filter is kept until its version changes (every update bumps the version). Bounded so deleted triggers
// cannot grow the map forever.
const MAX_ENTRIES = 10_000;
const cache = new Map<string, { version: number; test: Test }>();

export function compiledFilter(trigger: { id: string; version: number; filter: Filter | undefined }): Test {
  const hit = cache.get(trigger.id);
  if (hit && hit.version === trigger.version) return hit.test;
  const test = safeCompile(trigger.id, trigger.filter);
  cache.delete(trigger.id);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(trigger.id, { version: trigger.version, test });
  return test;
}

/**
 * Filters are validated when saved, but a stored filter that no longer compiles (or throws on an odd event) must
 * not stop every other trigger from matching: it is logged and matches nothing.
 */
function safeCompile(id: string, filter: Filter | undefined): Test {
  try {
    const test = compileFilter(filter);
    return (doc) => {
      try {
        return test(doc);
      } catch (err) {
        logger.warn({ err, triggerId: id }, 'trigger filter failed on an event; treated as no match');
        return false;
      }
    };
  } catch (err) {
    logger.warn({ err, triggerId: id }, 'trigger filter does not compile; the trigger matches nothing');
    return () => false;
  }
}
