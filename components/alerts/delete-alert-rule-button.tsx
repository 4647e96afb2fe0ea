'use client';

import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { type AlertRuleView, useDeleteAlertRule } from './queries';

export function DeleteAlertRuleButton({ rule }: { rule: AlertRuleView }) {
  const router = useRouter();
  const remove = useDeleteAlertRule(() => router.push('/alerts'));

  function onClick() {
    if (!window.confirm(`Delete the alert rule “${rule.name}” and its history? This cannot be undone.`))
      return;
    remove.mutate(rule.id);
  }

  return (
    <Button variant="destructive-outline" onClick={onClick} disabled={remove.isPending}>
      {remove.isPending ? 'Deleting…' : 'Delete'}
    </Button>
  );
}
