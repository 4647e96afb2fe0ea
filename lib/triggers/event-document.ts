/** An event in the seed's format, as the ingestion paths hand it over. */
export interface TriggerEvent {
  event_type: string;
  timestamp?: string;
  data: unknown;
}

/**
 * What a trigger filter is evaluated against: exactly `{event_type, timestamp, data}`, so the seed's
 * `{"event_type": "user.created"}` and dotted paths like `data.user.plan` work, and the console's filter test
 * sees the same document as live matching.
 */
export function eventDocument(event: TriggerEvent): Record<string, unknown> {
  return {
    event_type: event.event_type,
    ...(event.timestamp !== undefined ? { timestamp: event.timestamp } : {}),
    data: event.data,
  };
}
