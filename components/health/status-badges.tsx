import { Badge } from '@/components/ui/badge';
import type { HealthReport } from './queries';

export function ReadinessBadge({ status }: { status: HealthReport['status'] }) {
  return status === 'ready' ? (
    <Badge tone="success" dot>
      Ready
    </Badge>
  ) : (
    <Badge tone="danger" dot>
      Not ready
    </Badge>
  );
}

export function CheckBadge({ status }: { status: 'ok' | 'down' }) {
  return status === 'ok' ? (
    <Badge tone="success" dot>
      OK
    </Badge>
  ) : (
    <Badge tone="danger" dot>
      Down
    </Badge>
  );
}
