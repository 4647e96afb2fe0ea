'use client';

import { useChannelOptions } from '@/components/channels/queries';
import { PageHeader } from '@/components/layout/page-header';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { Alert } from '@/components/ui/alert';
import { Card, CardContent } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { Facts } from '@/components/ui/facts';
import { errorMessage } from '@/lib/client/api';
import { AlertHistory } from './alert-history';
import { AlertRuleForm } from './alert-rule-form';
import { AlertStateBadge } from './alert-state-badge';
import { DeleteAlertRuleButton } from './delete-alert-rule-button';
import { formatValue, kindLabel } from './kind-label';
import { type AlertRuleView, useAlertRule } from './queries';
import { ToggleAlertRuleButton } from './toggle-alert-rule-button';

/** The configuration part of a rule: the form starts afresh when it changes, not at every evaluation. */
const configKey = (rule: AlertRuleView) =>
  JSON.stringify([
    rule.name,
    rule.kind,
    rule.params,
    rule.notify_channel_ids,
    rule.notify_to,
    rule.cooldown_minutes,
    rule.enabled,
  ]);

export function AlertRuleDetailView({ id }: { id: string }) {
  const isAdmin = useIsAdmin();
  const rule = useAlertRule(id);
  const channels = useChannelOptions();

  // The API answers a viewer 403 for any rule: say so as the list does, not with the API's error.
  if (!isAdmin)
    return (
      <>
        <PageHeader title="Alert rule" />
        <Alert>Only admins can see and manage alert rules.</Alert>
      </>
    );
  if (rule.isPending) return <p className="text-sm text-slate-500">Loading alert rule…</p>;
  if (rule.isError) return <Alert tone="error">{errorMessage(rule.error)}</Alert>;
  const view = rule.data;
  const channelName = (channelId: string) =>
    channels.data?.find((c) => c.id === channelId)?.name ?? channelId;

  return (
    <>
      <PageHeader
        title={view.name}
        description={
          <>
            {kindLabel(view.kind)} · cooldown {view.cooldown_minutes} min
          </>
        }
        actions={
          isAdmin ? (
            <div className="flex gap-2">
              <ToggleAlertRuleButton rule={view} />
              <DeleteAlertRuleButton rule={view} />
            </div>
          ) : null
        }
      />
      <Card>
        <CardContent className="pt-4">
          <Facts
            items={[
              ['State', <AlertStateBadge key="state" rule={view} />],
              ['Last value', formatValue(view.kind, view.last_value)],
              [
                'Last evaluated',
                view.last_evaluated_at ? <DateTime key="e" value={view.last_evaluated_at} /> : 'Not yet',
              ],
              ['Firing since', view.firing_since ? <DateTime key="f" value={view.firing_since} /> : null],
              [
                'Last notified',
                view.last_notified_at ? <DateTime key="n" value={view.last_notified_at} /> : null,
              ],
            ]}
          />
        </CardContent>
      </Card>
      <AlertHistory ruleId={id} kind={view.kind} channelName={channelName} />
      <AlertRuleForm key={configKey(view)} rule={view} />
    </>
  );
}
