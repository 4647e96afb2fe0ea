import type { SendStep } from '../workflows/schemas';
import { render } from '../workflows/templates';
import type { RunScope } from './scope';

export type RenderedMessage =
  | { recipient: string; subject: string | null; body: string; html: string | null; error?: undefined }
  | { recipient: string; error: string };

function splitRecipients(rendered: string): string[] {
  const parts = rendered
    .split(/[,;\n]/)
    .map((r) => r.trim())
    .filter(Boolean);
  return [...new Set(parts)];
}

/**
 * Renders a send step into one message per recipient. Rendering problems come back as per-recipient errors
 * (naming the template, variable and line) rather than exceptions: they become `failed` messages or, in a
 * preview, the answer.
 */
export async function renderSendStep(
  step: SendStep,
  scope: RunScope,
  requiresRecipient: boolean,
): Promise<RenderedMessage[]> {
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
        return {
          recipient,
          subject: step.template.subject ? await render(step.template.subject, s, 'subject') : null,
          body: await render(step.template.body, s, 'body'),
          html: step.template.html ? await render(step.template.html, s, 'html') : null,
        };
      } catch (error) {
        return { recipient, error: `template error in ${(error as Error).message}` };
      }
    }),
  );
}
