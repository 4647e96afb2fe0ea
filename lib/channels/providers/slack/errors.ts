import {
  ErrorCode,
  type WebAPIHTTPError,
  type WebAPIPlatformError,
  type WebAPIRateLimitedError,
  type WebAPIRequestError,
} from '@slack/web-api';
import { snippet } from '../../../outbound/snippet';
import { alreadyClassified, classifyHttpFailure, classifyNetworkFailure } from '../../classify-failure';
import { DeliveryError } from '../../types';

// Slack answers HTTP 200 with {ok: false, error} for almost everything; these codes mean "try again later".
const RETRYABLE = new Set([
  'ratelimited',
  'rate_limited',
  'message_limit_exceeded',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
]);

const HINTS: Record<string, string> = {
  invalid_auth: 'Slack refused the bot token',
  not_authed: 'no bot token reached Slack',
  account_inactive: 'the bot token belongs to a deactivated user or workspace',
  token_revoked: 'the bot token was revoked',
  token_expired: 'the bot token expired',
  no_permission: 'the bot token lacks the permission for this',
  missing_scope: 'the bot token lacks a scope',
  channel_not_found: 'channel not found (check the ID, and that the bot can see it)',
  not_in_channel: 'the bot is not in the channel; invite it',
  is_archived: 'the channel is archived',
  restricted_action: 'a workspace preference forbids the bot to post there',
  invalid_blocks: 'Slack rejected the blocks',
  invalid_blocks_format: 'the blocks are not valid Block Kit JSON',
  msg_too_long: 'the message text is too long',
  no_text: 'the message has neither text nor blocks',
};

/**
 * Turns whatever the Slack SDK threw into a classified DeliveryError: `{ok: false}` codes as above, HTTP answers
 * and failures without an answer by the shared rule (classify-failure.ts).
 */
export function classifySlackError(
  error: unknown,
  context: { request: Record<string, unknown>; timeoutMs: number; signal: AbortSignal },
): DeliveryError {
  const { request } = context;
  const classified = alreadyClassified(error, request);
  if (classified) return classified;
  switch ((error as { code?: unknown }).code) {
    case ErrorCode.PlatformError: {
      const { data } = error as WebAPIPlatformError;
      const code = data.error;
      const needed = (data as { needed?: string }).needed;
      const reason = `${HINTS[code] ?? 'Slack refused the call'} (${code}${needed ? `, needs ${needed}` : ''})`;
      const response = { ok: false, error: code, ...(needed ? { needed } : {}) };
      return new DeliveryError(reason, RETRYABLE.has(code) ? 'retryable' : 'permanent', {
        responseCode: 200,
        request,
        response,
        ...(code === 'ratelimited' && data.response_metadata?.retryAfter !== undefined
          ? { retryAfterMs: data.response_metadata.retryAfter * 1000 }
          : {}),
      });
    }
    case ErrorCode.RateLimitedError: {
      const { retryAfter } = error as WebAPIRateLimitedError;
      return classifyHttpFailure({
        provider: 'Slack',
        status: 429,
        retryAfter: retryAfter * 1000,
        message: `Slack rate-limited the call (HTTP 429, retry after ${retryAfter} s)`,
        request,
        response: { status: 429, error: 'ratelimited' },
      });
    }
    case ErrorCode.HTTPError: {
      const { statusCode, body } = error as WebAPIHTTPError;
      const start = snippet(typeof body === 'string' ? body : JSON.stringify(body ?? ''));
      return classifyHttpFailure({
        provider: 'Slack',
        status: statusCode,
        message: `Slack answered HTTP ${statusCode}${start ? `: ${start}` : ''}`,
        request,
        response: { status: statusCode, body: start },
      });
    }
    case ErrorCode.RequestError: {
      const { original } = error as WebAPIRequestError;
      return (
        classifyNetworkFailure(original, { provider: 'Slack', ...context }) ??
        new DeliveryError(`could not reach Slack: (${original.message})`, 'retryable', { request })
      );
    }
    default:
      // E.g. a 429 whose Retry-After the SDK could not read: Slack is up but busy.
      return new DeliveryError(
        `Slack call failed: ${(error as Error).message ?? String(error)}`,
        'retryable',
        {
          request,
        },
      );
  }
}
