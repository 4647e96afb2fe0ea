import { scrapeResponse } from '@/lib/monitoring/scrape';

export const dynamic = 'force-dynamic';

/** Prometheus scrape target of the web process: no session or API key, only `METRICS_TOKEN` when set. */
export function GET(req: Request): Promise<Response> {
  return scrapeResponse(req.headers.get('authorization'));
}
