import { secretPaths } from './config-fields';
import type { ChannelProvider, StatusPoller, StatusWebhook } from './types';

/** Builds a provider; its `secretFields` come from the `secret` meta in its config schema, never a second list. */
export function defineProvider<Config>(
  definition: Omit<ChannelProvider<Config>, 'secretFields'>,
): ChannelProvider<Config> {
  return { ...definition, secretFields: secretPaths(definition.configSchema) };
}

type AsyncFn = (...args: never[]) => Promise<unknown>;

/**
 * A provider function whose module (and the SDK it imports) loads on first use: a worker loads only the SDKs of
 * the providers it actually sends through, which keeps its memory and start-up time down. The description
 * (schema, label, secrets) stays eager: the console and validation need it without sending anything.
 */
export function lazy<M, K extends keyof M>(load: () => Promise<M>, name: K): M[K] & AsyncFn {
  let loaded: Promise<M> | undefined;
  return (async (...args: unknown[]) => {
    loaded ??= load();
    const fn = (await loaded)[name] as unknown as (...a: unknown[]) => Promise<unknown>;
    return fn(...args);
  }) as M[K] & AsyncFn;
}

/** A status webhook (verify, parse, handshake) whose module loads on first use. */
export function lazyStatusWebhook<C>(load: () => Promise<StatusWebhook<C>>): StatusWebhook<C> {
  let hook: Promise<StatusWebhook<C>> | undefined;
  const get = () => {
    hook ??= load();
    return hook;
  };
  return {
    verify: async (request, config) => (await get()).verify(request, config),
    parse: async (request, config) => (await get()).parse(request, config),
    handshake: async (request, config) => (await get()).handshake?.(request, config),
  };
}

/** A status poller whose module loads on first use. */
export function lazyStatusPoller<C>(load: () => Promise<StatusPoller<C>>): StatusPoller<C> {
  let poller: Promise<StatusPoller<C>> | undefined;
  return {
    poll: async (id, config, ctx) => {
      poller ??= load();
      return (await poller).poll(id, config, ctx);
    },
  };
}
