import { describeRequest, type RawRequest, type RawResponse } from './http';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

/**
 * What is wrong with an answer, if anything: a 5xx, or a 4xx that is not problem+json with a `detail` saying
 * what the problem is. Thrown as an error so fast-check shrinks the request and reports it.
 */
export function assertAnswered(request: RawRequest, response: RawResponse): void {
  const where = () => `${describeRequest(request)}\n→ ${response.status} ${response.text.slice(0, 400)}`;
  if (response.status >= 500) throw new Error(`server error: ${where()}`);
  if (response.status < 400) return;
  if (!response.contentType.startsWith('application/problem+json'))
    throw new Error(`a ${response.status} that is not problem+json (${response.contentType}): ${where()}`);
  const problem = problemOf(response);
  if (
    typeof problem?.detail !== 'string' ||
    problem.detail.length === 0 ||
    problem.status !== response.status
  )
    throw new Error(`a problem without detail or with another status: ${where()}`);
}

export function problemOf(response: RawResponse): Problem | undefined {
  try {
    return JSON.parse(response.text) as Problem;
  } catch {
    return undefined;
  }
}
