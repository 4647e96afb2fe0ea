import type { z } from 'zod';
import { DeliveryError } from '../errors';
import type { AllowList } from '../outbound/ssrf';

// What a send or check fails with is part of the provider contract; it is defined in lib/errors.ts so that the
// outbound layer (lib/outbound), which throws it too, does not depend on the channels.
export { DeliveryError };

export type ChannelType = 'email' | 'sms' | 'push' | 'chat' | 'webhook';

/** A rendered message as a provider adapter sees it. */
export interface OutgoingMessage {
  /** Switchboard's message id: the webhook-id, and what a provider can echo back. */
  id: string;
  /** Deterministic per run, step and recipient; passed to providers that de-duplicate. */
  idempotencyKey: string;
  /** Recipient address (e-mail, phone, token, channel id); may be empty for webhooks. */
  to: string;
  subject?: string | null;
  /** Rendered body (for webhooks: the exact request body). */
  body: string;
  html?: string | null;
  /** Provider-specific rendered extras (headers, blocks, data, attachments). */
  content?: Record<string, unknown> | null;
}

export interface SendContext {
  /** Aborted when the attempt's time budget runs out. */
  signal: AbortSignal;
  timeoutMs: number;
  /** The channel being sent through; lets providers keep one connection pool per channel. */
  channelId?: string;
  /**
   * Which private addresses outbound connections may reach (see `lib/outbound/ssrf.ts`). Defaults to
   * `OUTBOUND_ALLOWLIST`; only tests and tools pass another one.
   */
  allowList?: AllowList;
}

export interface SendResult {
  providerMessageId?: string | null;
  responseCode?: number | null;
  /** Short, secret-free description of what was sent (method, URL, sizes) for the attempts timeline. */
  request?: Record<string, unknown>;
  /** Short, secret-free description of the provider's answer. */
  response?: Record<string, unknown>;
}

export interface CheckResult {
  ok: boolean;
  detail: string;
}

export interface ChannelProvider<Config = Record<string, unknown>> {
  type: ChannelType;
  provider: string;
  label: string;
  /** Validates config; drives the console form. Fields whose schema has `.meta({ secret: true })` are secrets. */
  configSchema: z.ZodType<Config>;
  /**
   * Config paths holding secrets — top-level keys (`password`) or dotted paths into nested objects
   * (`auth.token`): encrypted at rest, masked in every response. Derived from the schema's `secret` meta.
   */
  secretFields: readonly string[];
  /** Whether a send needs a recipient address (webhooks do not). */
  requiresRecipient: boolean;
  send(config: Config, message: OutgoingMessage, ctx: SendContext): Promise<SendResult>;
  /** Checks connectivity and credentials without sending anything. */
  check(config: Config, ctx: SendContext): Promise<CheckResult>;
  /** Releases pooled connections (worker shutdown). */
  close?(): Promise<void>;
  /** Delivery status reported back by the provider, if it supports that. */
  statusWebhook?: StatusWebhook<Config>;
  /** Status polling for messages that got no callback, if the provider's API allows it. */
  statusPoller?: StatusPoller<Config>;
  /** Push providers whose answers condemn a recipient for good (see `RecipientValidity`). */
  recipientValidity?: RecipientValidity;
}

/**
 * How a provider names its recipients and says one is gone for good (a device token APNs or FCM reports
 * unregistered, a Web Push subscription that expired). The engine records such a recipient per channel and fails
 * later sends to it at once, without a request (lib/delivery/invalid-recipients.ts). Eager and SDK-free: it runs
 * for every message of a batch before anything is sent.
 */
export interface RecipientValidity {
  /** What a recipient is called in messages: "device token", "push subscription". */
  noun: string;
  /** Who reports it, in messages: "APNs", "FCM", "the push service". */
  reporter: string;
  /**
   * The recipient as the provider identifies it (a token, a subscription's endpoint); undefined when it is not
   * one that can be condemned (an FCM topic) or cannot be read (the send refuses it anyway).
   */
  key(to: string): string | undefined;
  /** The provider's verdict in a failed send's error, when it condemned the recipient: its reason, and since when. */
  condemned(error: DeliveryError): { reason: string; since?: Date } | undefined;
}

/** One delivery event a provider reported back (status callback, event webhook, receipt, or a status poll). */
export interface ProviderStatusEvent {
  provider_message_id: string;
  /** The provider's own event name (delivered, open, click, bounce, undelivered…), kept for the timeline. */
  event: string;
  /** What it means for the message: a final status, or only an engagement to record. */
  effect: 'delivered' | 'bounced' | 'failed' | 'opened' | 'clicked' | 'info';
  occurred_at?: string;
  detail?: string;
}

export interface InboundRequest {
  method: string;
  /** Full URL as received, including the query string (some signatures cover it). */
  url: string;
  headers: Headers;
  rawBody: string;
}

/**
 * How a provider reports delivery status to Switchboard at POST /api/v1/hooks/status/:channel_id. `verify`
 * checks the provider's signature with the channel's (decrypted) config and must be strict: a forged request is
 * refused with 401 and changes nothing.
 */
export interface StatusWebhook<Config = Record<string, unknown>> {
  verify(request: InboundRequest, config: Config): Promise<boolean>;
  parse(request: InboundRequest, config: Config): Promise<ProviderStatusEvent[]>;
  /** Some providers need a special answer (e.g. SNS SubscriptionConfirmation); return it to short-circuit. */
  handshake?(request: InboundRequest, config: Config): Promise<Response | undefined>;
}

/** Asks the provider for a message's final status when no callback arrived. */
export interface StatusPoller<Config = Record<string, unknown>> {
  poll(providerMessageId: string, config: Config, ctx: SendContext): Promise<ProviderStatusEvent | undefined>;
}
