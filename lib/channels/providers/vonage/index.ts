import { defineProvider, lazy, lazyStatusWebhook } from '../../define-provider';
import { type VonageConfig, vonageConfigSchema } from './config';

/**
 * No statusPoller: the SMS API has no per-message status lookup (the old Search Messages API is retired, and the
 * Reports API is a separate, asynchronous product), so delivery receipts are the only status source.
 */
export const vonageProvider = defineProvider<VonageConfig>({
  type: 'sms',
  provider: 'vonage',
  label: 'Vonage SMS',
  configSchema: vonageConfigSchema,
  requiresRecipient: true,
  send: lazy(() => import('./send'), 'sendVonage'),
  check: lazy(() => import('./check'), 'checkVonage'),
  statusWebhook: lazyStatusWebhook(() => import('./status').then((m) => m.vonageStatusWebhook)),
});
