import type { Metadata } from 'next';
import { NewAlertRuleView } from '@/components/alerts/new-alert-rule-view';

export const metadata: Metadata = { title: 'New alert rule' };
export const dynamic = 'force-dynamic';

export default function NewAlertRulePage() {
  return <NewAlertRuleView />;
}
