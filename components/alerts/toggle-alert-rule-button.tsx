'use client';

import { Button } from '@/components/ui/button';
import { type AlertRuleView, useToggleAlertRule } from './queries';

/**
 * Enables or disables a rule in place: the change shows at once, rolls back if the server refuses, and a toast
 * says which. The label names the rule for screen readers.
 */
export function ToggleAlertRuleButton({ rule }: { rule: AlertRuleView }) {
  const toggle = useToggleAlertRule();
  const action = rule.enabled ? 'Disable' : 'Enable';
  return (
    <Button
      variant="secondary"
      size="sm"
      aria-label={`${action} ${rule.name}`}
      disabled={toggle.isPending}
      onClick={() => toggle.mutate({ id: rule.id, enabled: !rule.enabled })}
    >
      {action}
    </Button>
  );
}
