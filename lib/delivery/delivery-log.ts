import type { ClaimedMessage } from './claim';

/**
 * The ids every log line about a delivery carries, so one grep follows a message from the API request
 * through its event and run: request id (REST API events; null for other sources), event, run, message, channel.
 */
export function deliveryLogFields(message: ClaimedMessage) {
  return {
    requestId: message.request_id,
    eventId: message.event_id,
    runId: message.run_id,
    messageId: message.id,
    channelId: message.channel_id,
  };
}
