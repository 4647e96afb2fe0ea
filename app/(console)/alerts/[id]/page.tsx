import type { Metadata } from 'next';
import { AlertRuleDetailView } from '@/components/alerts/alert-rule-detail-view';

export const metadata: Metadata = { title: 'Alert rule' };
export const dynamic = 'force-dynamic';

export default async function AlertRulePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <AlertRuleDetailView id={id} />;
}
