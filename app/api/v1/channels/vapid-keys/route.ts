import { json, withApi } from '@/lib/api/handler';
import { generateVapidKeys } from '@/lib/channels/providers/webpush';

/** A fresh VAPID key pair for a Web Push channel; nothing is stored. */
export const POST = withApi({ access: 'admin' }, async () => json(generateVapidKeys()));
