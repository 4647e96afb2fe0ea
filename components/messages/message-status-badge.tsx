import { Badge } from '@/components/ui/badge';
import { statusTone } from './message-statuses';

/** The raw status word, coloured: sent/delivered green, failed/dead/bounced red, retrying amber. */
export function MessageStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={statusTone(status)} dot>
      {status}
    </Badge>
  );
}
