import { AppError, problemResponse } from '../api/errors';
import { db } from '../db';
import { env } from '../env';
import { exposition } from '../metrics/registry';
import { metricsAuthorized } from '../metrics/token';
import { serveStateMetrics } from './state-snapshot';

let stateServed = false;

/**
 * The answer to a Prometheus scrape, for the web route and the worker's port alike: the text exposition, or
 * 401 problem+json when `METRICS_TOKEN` is set and the request does not carry it. Nothing else is asked of
 * the caller (no session, no API key): Prometheus sends at most a bearer token.
 */
export async function scrapeResponse(authorization: string | null | undefined): Promise<Response> {
  if (!metricsAuthorized(authorization, env().METRICS_TOKEN)) {
    return problemResponse(
      new AppError('unauthorized', 'metrics require Authorization: Bearer <METRICS_TOKEN>', [], {
        'www-authenticate': 'Bearer',
      }),
    );
  }
  if (!stateServed) {
    serveStateMetrics(db);
    stateServed = true;
  }
  const { body, contentType } = await exposition();
  return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
}
