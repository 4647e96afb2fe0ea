import { type Db, db } from './index';

/**
 * The pool for read-only queries (lists, details, stats). Until replica routing lands this is the primary;
 * callers that only read use it so they move to a replica with no change of their own.
 */
export function readDb(): Db {
  return db();
}
