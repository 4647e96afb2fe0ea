import { z } from 'zod';
import type { RunScope } from '../scope';
import { stepName, templateString } from '../template-string';
import { render } from '../templates';
import { defineStep, type RenderedMessage, type StepChannel } from './types';

const schema = z.strictObject({
  type: z.literal('send'),
  name: stepName,
  channel_id: z.uuid(),
  /** Recipient template; may render to several addresses separated by commas. Optional for webhooks. */
  to: templateString('to').optional(),
  template: z.strictObject({
    subject: templateString('subject').optional(),
    /**
     * The message body. Optional only for a webhook channel with a payload template, which is the body then
     * (a step's own body wins); checked when the workflow is saved.
     */
    body: templateString('body')
      .optional()
      .describe(
        "Message body template. May be left out only for a webhook channel with a payload template (config.payload), which is the body then; a step's own body wins.",
      ),
    html: templateString('html').optional(),
  }),
  fallback_channel_id: z.uuid().optional(),
  /**
   * Stored files (POST /api/v1/files) sent with each message. Only e-mail channels deliver them; others ignore
   * them. `filename` and `content_type` are filled in from the file when the workflow is saved.
   */
  attachments: z
    .array(
      z.strictObject({
        file_id: z.uuid(),
        filename: z.string().max(255).optional(),
        content_type: z.string().max(255).optional(),
      }),
    )
    .max(10)
    .optional(),
});
export type SendStep = z.infer<typeof schema>;

/**
 * The rendered `to` as recipients: a list separated by commas, semicolons or lines — unless it is JSON. A Web
 * Push subscription is a JSON object (with commas in it), so a JSON object is one recipient and a JSON array
 * is one recipient per element (strings as they are, objects as JSON).
 */
export function splitRecipients(rendered: string): string[] {
  const parts = parseJsonRecipients(rendered.trim()) ?? rendered.split(/[,;\n]/);
  return [...new Set(parts.map((r) => r.trim()).filter(Boolean))];
}

function parseJsonRecipients(text: string): string[] | undefined {
  if (!text.startsWith('{') && !text.startsWith('[')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const asRecipient = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  return Array.isArray(value) ? value.map(asRecipient) : [asRecipient(value)];
}

/**
 * One message per recipient. Rendering problems come back as per-recipient errors (naming the template,
 * variable and line) rather than exceptions: they become `failed` messages or, in a preview, the answer.
 * Without a body template of its own the step renders its channel's default body (a webhook channel's payload),
 * in the same scope, and a result the channel cannot send fails the message naming the channel and why.
 */
export async function renderSendStep(
  step: SendStep,
  scope: RunScope,
  channel: StepChannel,
): Promise<RenderedMessage[]> {
  const defaultBody = step.template.body === undefined ? channel.defaultBody : undefined;
  const body = step.template.body ?? defaultBody?.template;
  if (body === undefined) {
    return [
      {
        recipient: '',
        error:
          "the step has no body template, and its channel has none to use instead (a webhook channel's payload template)",
      },
    ];
  }
  const bodyLabel = defaultBody?.label ?? 'body';
  const { requiresRecipient } = channel;
  let recipients = [''];
  if (step.to) {
    try {
      recipients = splitRecipients(await render(step.to, scope, 'to'));
    } catch (error) {
      return [{ recipient: '', error: `template error in ${(error as Error).message}` }];
    }
    if (recipients.length === 0) recipients = [''];
  }
  if (requiresRecipient && recipients.every((r) => r === '')) {
    return [{ recipient: '', error: '"to" rendered no recipient, and this channel needs one' }];
  }
  return Promise.all(
    recipients.map(async (recipient): Promise<RenderedMessage> => {
      const s = { ...scope, recipient: recipient || scope.recipient };
      try {
        const rendered = {
          recipient,
          subject: step.template.subject ? await render(step.template.subject, s, 'subject') : null,
          body: await render(body, s, bodyLabel),
          html: step.template.html ? await render(step.template.html, s, 'html') : null,
        };
        const problem = defaultBody?.problem(rendered.body);
        return problem ? { recipient, error: `${bodyLabel}: ${problem}` } : rendered;
      } catch (error) {
        return { recipient, error: `template error in ${(error as Error).message}` };
      }
    }),
  );
}

/** Renders the step for each recipient; the engine stores the messages with their delivery jobs. */
export const sendStep = defineStep({
  type: 'send',
  label: 'Send',
  description: 'Render the templates and deliver one message per recipient through a channel.',
  schema,
  async execute(step, ctx) {
    const channel = ctx.channel(step.channel_id);
    const messages = channel
      ? await renderSendStep(step, ctx.scope, channel)
      : [{ recipient: '', error: `channel ${step.channel_id} no longer exists` }];
    return {
      kind: 'next',
      send: {
        channelId: step.channel_id,
        fallbackChannelId: step.fallback_channel_id ?? null,
        messages,
        ...(step.attachments?.length ? { content: { attachments: step.attachments } } : {}),
      },
    };
  },
  async preview(step, ctx) {
    const channel = ctx.channel(step.channel_id);
    const messages = channel
      ? await renderSendStep(step, ctx.scope, channel)
      : [{ recipient: '', error: `channel ${step.channel_id} does not exist` }];
    const attachments = step.attachments?.length
      ? {
          attachments: step.attachments,
          ...(channel?.type && channel.type !== 'email'
            ? { attachments_note: `ignored: ${channel.type} channels do not deliver attachments` }
            : {}),
        }
      : {};
    return { fields: { channel_id: step.channel_id, messages, ...attachments } };
  },
});
