'use client';

import { PageHeader } from '@/components/layout/page-header';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { Alert } from '@/components/ui/alert';
import { AlertRuleForm } from './alert-rule-form';

export function NewAlertRuleView() {
  const isAdmin = useIsAdmin();
  return (
    <>
      <PageHeader title="New alert rule" description="Pick what to watch, the threshold, and whom to tell." />
      {isAdmin ? <AlertRuleForm /> : <Alert>Only admins can create alert rules.</Alert>}
    </>
  );
}
