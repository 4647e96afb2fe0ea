import { z } from 'zod';
import { templateProblem } from '../../../workflows/templates';

export const SLACK_API_URL = 'https://slack.com/api/';

const LIQUID = /\{\{|\{%/;

/** A blocks template without Liquid can be checked now; one with Liquid only once it is rendered. */
function blocksTemplateProblem(template: string): string | undefined {
  const problem = templateProblem(template);
  if (problem) return `is not a valid Liquid template: ${problem}`;
  if (LIQUID.test(template)) return undefined;
  try {
    const parsed: unknown = JSON.parse(template);
    return Array.isArray(parsed) ? undefined : 'must be a JSON array of blocks';
  } catch (error) {
    return `is not JSON: ${(error as Error).message}`;
  }
}

export const slackConfigSchema = z.strictObject({
  bot_token: z
    .string()
    .trim()
    .min(10)
    .max(500)
    .refine((value) => value.startsWith('xox'), 'must be a Slack token (xoxb-…)')
    .meta({
      secret: true,
      label: 'Bot token',
      description: 'Bot User OAuth Token (xoxb-…) with chat:write, and files:write for attachments.',
    }),
  channel: z.string().trim().min(1).max(200).meta({
    label: 'Channel',
    description:
      'Channel ID (C…), or a name; invite the bot first. A message recipient, when set, is used instead.',
  }),
  blocks: z
    .string()
    .max(100_000)
    .superRefine((value, ctx) => {
      const problem = blocksTemplateProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional()
    .meta({
      kind: 'template',
      label: 'Blocks template',
      description:
        'Block Kit JSON array, a Liquid template rendered per message with subject, body, recipient and content ' +
        '(use {{ body | json }} to embed text). Blocks in the message content take precedence.',
    }),
  api_base_url: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .max(2048)
    .default(SLACK_API_URL)
    .meta({
      label: 'API base URL',
      description: `Advanced: Slack Web API root (default ${SLACK_API_URL}); for a proxy or a test double.`,
    }),
  timeout_seconds: z.number().int().min(1).max(30).default(10).meta({ label: 'Timeout (seconds)' }),
});

export type SlackConfig = z.output<typeof slackConfigSchema>;
