'use client';

import { Button } from '@/components/ui/button';
import { type AlertRuleView, useUpdateAlertRule } from './queries';

/** Enables or disables a rule in place; the label names the rule for screen readers. */
export function ToggleAlertRuleButton({
  rule,
  setError,
}: {
  rule: AlertRuleView;
  setError: (error: unknown) => void;
}) {
  const update = useUpdateAlertRule();
  const action = rule.enabled ? 'Disable' : 'Enable';
  return (
    <Button
      variant="secondary"
      size="sm"
      aria-label={`${action} ${rule.name}`}
      disabled={update.isPending}
      onClick={() => {
        setError(null);
        update.mutate({ id: rule.id, patch: { enabled: !rule.enabled } }, { onError: setError });
      }}
    >
      {action}
    </Button>
  );
}
