import { defineProvider, lazy, lazyStatusWebhook } from '../../define-provider';
import { type SesConfig, sesConfigSchema } from './config';

/** No statusPoller: SES has no per-message status lookup; events come through SNS. */
export const sesProvider = defineProvider<SesConfig>({
  type: 'email',
  provider: 'ses',
  label: 'Amazon SES',
  configSchema: sesConfigSchema,
  requiresRecipient: true,
  send: lazy(() => import('./send'), 'sendSes'),
  check: lazy(() => import('./check'), 'checkSes'),
  statusWebhook: lazyStatusWebhook(() => import('./status').then((m) => m.sesStatusWebhook)),
});
