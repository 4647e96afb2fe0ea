import { Badge } from '@/components/ui/badge';
import type { AlertRuleView } from './queries';

/** Firing or OK; a disabled rule is not evaluated, so its state says nothing. */
export function AlertStateBadge({ rule }: { rule: Pick<AlertRuleView, 'state' | 'enabled'> }) {
  if (!rule.enabled) return <Badge tone="neutral">Disabled</Badge>;
  return rule.state === 'firing' ? (
    <Badge tone="danger" dot>
      Firing
    </Badge>
  ) : (
    <Badge tone="success" dot>
      OK
    </Badge>
  );
}
