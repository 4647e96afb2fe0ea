import { randomUUID } from 'node:crypto';
import type { OutgoingMessage } from '../../lib/channels/types';

/*
 * What the chat provider tests (test/providers/slack, teams, discord) share: the sample alert message.
 */

export function chatMessage(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  const id = randomUUID();
  return {
    id,
    idempotencyKey: `run:${id}`,
    to: '',
    subject: null,
    body: 'Disk almost full on db-1',
    ...overrides,
  };
}
