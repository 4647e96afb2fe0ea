import { checkHealth } from '@/lib/health/check';
import { observeHttpRequest } from '@/lib/metrics/http';

export const dynamic = 'force-dynamic';

/**
 * Readiness (default): 200 when database, queue and a worker are up, else 503, with the details.
 * `?probe=live` is the liveness probe: 200 whenever this process can answer.
 */
export async function GET(req: Request): Promise<Response> {
  const started = performance.now();
  const response = await answer(req);
  observeHttpRequest('/api/health', 'GET', response.status, (performance.now() - started) / 1000);
  return response;
}

async function answer(req: Request): Promise<Response> {
  if (new URL(req.url).searchParams.get('probe') === 'live') return Response.json({ status: 'alive' });
  const report = await checkHealth();
  return Response.json(report, {
    status: report.status === 'ready' ? 200 : 503,
    headers: { 'cache-control': 'no-store' },
  });
}
