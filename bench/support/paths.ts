import path from 'node:path';

/** The repository root: every child process runs from here (migrations and tsx resolve from it). */
export const ROOT = path.resolve(import.meta.dirname, '../..');
