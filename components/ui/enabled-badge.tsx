import { Badge } from '@/components/ui/badge';

/** Enabled/Disabled for channels, workflows and triggers. */
export function EnabledBadge({ enabled }: { enabled: boolean }) {
  return enabled ? (
    <Badge tone="success" dot>
      Enabled
    </Badge>
  ) : (
    <Badge tone="neutral">Disabled</Badge>
  );
}
