import { z } from 'zod';
import { DeliveryError, type OutgoingMessage } from '../../types';

/**
 * The Adaptive Card a Teams message carries: the subject as a heading, the body as wrapped text, and from
 * `message.content`:
 * - `facts`: a FactSet, as [{title, value}] or an object of title → value;
 * - `actions`: buttons that open a link, [{title, url}].
 * Version 1.4 is what Teams renders everywhere (desktop, web and mobile).
 */

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
const CARD_VERSION = '1.4';

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

const contentSchema = z.looseObject({
  facts: z
    .union([
      z.array(z.strictObject({ title: scalar, value: scalar })),
      z
        .record(z.string(), scalar)
        .transform((facts) => Object.entries(facts).map(([title, value]) => ({ title, value }))),
    ])
    .optional(),
  actions: z
    .array(
      z.strictObject({
        title: z.string().trim().min(1).max(100),
        url: z.url({ protocol: /^(https?|mailto)$/, error: 'must be an http(s) or mailto URL' }),
      }),
    )
    .max(6)
    .optional(),
});

export type AdaptiveCard = Record<string, unknown>;

export function adaptiveCard(message: OutgoingMessage): AdaptiveCard {
  const parsed = contentSchema.safeParse(message.content ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DeliveryError(
      `invalid Teams content at content.${issue?.path.join('.')}: ${issue?.message}`,
      'permanent',
    );
  }
  const { facts, actions } = parsed.data;
  const body: Record<string, unknown>[] = [];
  if (message.subject) {
    body.push({
      type: 'TextBlock',
      text: message.subject,
      weight: 'Bolder',
      size: 'Medium',
      wrap: true,
      style: 'heading',
    });
  }
  if (message.body) body.push({ type: 'TextBlock', text: message.body, wrap: true });
  if (facts?.length) body.push({ type: 'FactSet', facts });
  if (!body.length)
    throw new DeliveryError('the message has neither a subject, a body nor facts', 'permanent');
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: CARD_VERSION,
    body,
    ...(actions?.length
      ? { actions: actions.map(({ title, url }) => ({ type: 'Action.OpenUrl', title, url })) }
      : {}),
    // Without it Teams squeezes the card into a narrow column.
    msteams: { width: 'Full' },
  };
}
