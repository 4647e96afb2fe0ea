'use client';

import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { type AlertRuleView, useDeleteAlertRule } from './queries';

export function DeleteAlertRuleButton({
  rule,
  setError,
}: {
  rule: AlertRuleView;
  setError: (error: unknown) => void;
}) {
  const router = useRouter();
  const remove = useDeleteAlertRule(() => router.push('/alerts'));

  function onClick() {
    if (!window.confirm(`Delete the alert rule “${rule.name}” and its history? This cannot be undone.`))
      return;
    setError(null);
    remove.mutate(rule.id, { onError: setError });
  }

  return (
    <Button variant="destructive-outline" onClick={onClick} disabled={remove.isPending}>
      {remove.isPending ? 'Deleting…' : 'Delete'}
    </Button>
  );
}
