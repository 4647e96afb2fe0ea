import { withApi } from '@/lib/api/handler';
import { env } from '@/lib/env';
import { scrapeResponse } from '@/lib/monitoring/scrape';

export const dynamic = 'force-dynamic';

// Without METRICS_TOKEN the scrape is never open to anyone: it asks for what every other API route asks for
// (an admin API key, which Prometheus sends as its bearer token, or a console session).
const withCredentials = withApi({ access: 'read' }, () => scrapeResponse(undefined));

/** Prometheus scrape target of the web process: `METRICS_TOKEN` when set, else an API key or a session. */
export function GET(req: Request, route?: { params: Promise<Record<string, string | string[]>> }) {
  const token = env().METRICS_TOKEN;
  if (token) return scrapeResponse(req.headers.get('authorization'));
  return withCredentials(req, route);
}
