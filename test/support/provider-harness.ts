import { expect } from 'vitest';
import * as health from '../../app/api/v1/channels/[id]/health/route';
import * as test from '../../app/api/v1/channels/[id]/test/route';
import { deliver } from '../../lib/channels/deliver';
import { createChannelSchema } from '../../lib/channels/schemas';
import { createChannel, loadChannelForSend } from '../../lib/channels/service';
import {
  type ChannelProvider,
  type CheckResult,
  DeliveryError,
  type OutgoingMessage,
  type SendContext,
  type SendResult,
} from '../../lib/channels/types';
import { call, makeApiKey, uniq } from './factories';
import { startHttpSink } from './http-sink';

/*
 * What the provider tests (test/providers/<provider>.integration.test.ts) share: sending and checking through a
 * provider, creating channels and calling their test and health routes, and reading the DeliveryError a send
 * fails with.
 */

// The fakes listen on 127.0.0.1, which the SSRF guard refuses unless allow-listed. The environment is read on
// first use (lib/env.ts), never while modules load, so setting it as this module loads is early enough.
process.env.OUTBOUND_ALLOWLIST = '127.0.0.1/32';

// biome-ignore lint/suspicious/noExplicitAny: assertions walk request and response JSON whose shape the test checks
export type Json = Record<string, any>;

/** What a send or check gets: aborted after `timeoutMs`. */
export function sendContext(timeoutMs = 5_000): SendContext {
  return { signal: AbortSignal.timeout(timeoutMs), timeoutMs };
}

/**
 * A `send(provider, config, msg?, timeoutMs?)` that sends through the provider with its parsed config, as the
 * engine does after loading a channel; `msg` defaults to a fresh `defaultMessage()`.
 */
export function providerSender(defaultMessage: () => OutgoingMessage) {
  return (
    provider: ChannelProvider,
    config: Json,
    msg = defaultMessage(),
    timeoutMs = 5_000,
  ): Promise<SendResult> =>
    provider.send(provider.configSchema.parse(config) as Json, msg, sendContext(timeoutMs));
}

/** A `send(channelId, msg?, timeoutMs?)` that delivers through a stored channel, as the engine does. */
export function channelSender(defaultMessage: () => OutgoingMessage, defaultTimeoutMs = 5_000) {
  return async (
    channelId: string,
    msg = defaultMessage(),
    timeoutMs = defaultTimeoutMs,
  ): Promise<SendResult> => deliver(await loadChannelForSend(channelId), msg, sendContext(timeoutMs));
}

/** The provider's health check with its parsed config. */
export function check(provider: ChannelProvider, config: Json): Promise<CheckResult> {
  return provider.check(provider.configSchema.parse(config) as Json, sendContext());
}

/** The DeliveryError `promise` fails with; fails the test if it resolves or fails with anything else. */
export async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

/** A URL on which nothing listens any more. */
export async function deadUrl(): Promise<string> {
  const sink = await startHttpSink();
  await sink.close();
  return sink.url;
}

/** Creates a channel through the service, as the API does, and returns its id. */
export async function newChannel(provider: string, config: Json): Promise<string> {
  const channel = await createChannel(
    createChannelSchema.parse({ name: `${provider}-${uniq()}`, provider, config }),
    { principal: null },
  );
  return channel.id;
}

// Each test file runs in its own module graph against its own database, so one key serves the whole file.
let adminKey: Promise<string> | undefined;
function admin(): Promise<string> {
  adminKey ??= makeApiKey('admin').then((created) => created.key);
  return adminKey;
}

/** POST /api/v1/channels/:id/test with an admin key; expects 200 and returns the answer. */
export async function postTest(channelId: string, body: Json = {}): Promise<Json> {
  const res = await call(test.POST, { method: 'POST', key: await admin(), params: { id: channelId }, body });
  expect(res.status).toBe(200);
  return (await res.json()) as Json;
}

/** Creates the channel and sends a test message through POST /api/v1/channels/:id/test. */
export async function testSend(provider: string, config: Json, body: Json = {}): Promise<Json> {
  return postTest(await newChannel(provider, config), body);
}

/** GET /api/v1/channels/:id/health with an admin key. */
export async function getHealth(channelId: string): Promise<Json> {
  return (await (await call(health.GET, { key: await admin(), params: { id: channelId } })).json()) as Json;
}
