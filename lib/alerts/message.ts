import { randomUUID } from 'node:crypto';
import type { ChannelType, OutgoingMessage } from '../channels/types';
import { findAlertKind } from './kinds';
import type { Evaluation } from './kinds/types';
import type { AlertRuleRow } from './view';

/** What a notification says: the rule, the figure against the threshold, and where to look. */
export interface Notice {
  rule: Pick<AlertRuleRow, 'id' | 'name' | 'kind'>;
  status: 'firing' | 'resolved';
  /** A rule still firing after its cooldown: said again. */
  reminder: boolean;
  evaluation: Evaluation;
  /** The rule's page in the console, when CONSOLE_URL (or NEXTAUTH_URL) is set. */
  link: string | null;
  at: Date;
}

export function consoleLink(base: string | undefined, ruleId: string): string | null {
  return base ? new URL(`/alerts/${ruleId}`, base).toString() : null;
}

export function noticeSubject(notice: Notice): string {
  const label = notice.status === 'resolved' ? 'RESOLVED' : notice.reminder ? 'STILL FIRING' : 'FIRING';
  return `[${label}] ${notice.rule.name}`;
}

export function noticeText(notice: Notice): string {
  const kind = findAlertKind(notice.rule.kind)?.label ?? notice.rule.kind;
  const what =
    notice.status === 'resolved' ? 'has resolved' : notice.reminder ? 'is still firing' : 'is firing';
  const lines = [`Alert "${notice.rule.name}" (${kind}) ${what}: ${notice.evaluation.summary}.`];
  if (notice.link) lines.push(notice.link);
  return lines.join('\n');
}

/** One message for one channel: JSON for webhooks, text (and HTML for e-mail) elsewhere. */
export function noticeMessage(notice: Notice, type: ChannelType, to: string): OutgoingMessage {
  const id = randomUUID();
  const text = noticeText(notice);
  const body =
    type === 'webhook'
      ? JSON.stringify({
          type: `switchboard.alert.${notice.status}`,
          rule: notice.rule,
          state: notice.status,
          reminder: notice.reminder,
          value: notice.evaluation.value,
          threshold: notice.evaluation.threshold,
          summary: notice.evaluation.summary,
          channel_ids: notice.evaluation.channelIds,
          url: notice.link,
          text,
          at: notice.at.toISOString(),
        })
      : text;
  return {
    id,
    idempotencyKey: `alert:${notice.rule.id}:${id}`,
    to,
    subject: noticeSubject(notice),
    body,
    html: type === 'email' ? html(notice, text) : null,
  };
}

function html(notice: Notice, text: string): string {
  const paragraphs = text
    .split('\n')
    .filter((line) => line !== notice.link)
    .map((line) => `<p>${escapeHtml(line)}</p>`);
  if (notice.link) {
    paragraphs.push(`<p><a href="${escapeHtml(notice.link)}">Open the rule in Switchboard</a></p>`);
  }
  return paragraphs.join('');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
