import { randomBytes } from 'node:crypto';
import { type SinkReply, type SinkRequest, startHttpSink } from '../support/http-sink';

/**
 * A strict stand-in for Twilio's Programmable Messaging REST API (api.twilio.com/2010-04-01): Basic auth with
 * AccountSid:AuthToken, form-encoded bodies, Twilio's error body `{code, message, more_info, status}` and
 * error codes, and Message resources that can be created, fetched and moved to a later status.
 */

export type FakeMode = 'ok' | 'unauthorized' | 'rate-limited' | 'server-error' | 'hang';

export interface TwilioMessage {
  sid: string;
  to: string;
  from: string | null;
  messaging_service_sid: string | null;
  body: string;
  status: string;
  error_code: number | null;
  error_message: string | null;
  status_callback: string | null;
  num_segments: string;
  date_created: string;
  date_updated: string;
}

export interface TwilioFake {
  url: string;
  accountSid: string;
  authToken: string;
  requests: SinkRequest[];
  messages: Map<string, TwilioMessage>;
  /** How the next requests are answered; `retryAfter` is the Retry-After header of a 429. */
  setMode(mode: FakeMode, options?: { retryAfter?: string }): void;
  setStatus(sid: string, status: string, error?: { code: number; message: string }): void;
  close(): Promise<void>;
}

const API = '/2010-04-01';
const sid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;
const rfc2822 = (date = new Date()) => date.toUTCString().replace('GMT', '+0000');
// Twilio's own check on "To" for SMS: E.164 (or a channel address such as whatsapp:+…).
const E164 = /^\+[1-9]\d{1,14}$/;

export function twilioError(status: number, code: number, message: string) {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }),
  };
}

export async function startTwilioFake(
  credentials = { accountSid: sid('AC'), authToken: randomBytes(16).toString('hex') },
): Promise<TwilioFake> {
  const { accountSid, authToken } = credentials;
  const messages = new Map<string, TwilioMessage>();
  let mode: FakeMode = 'ok';
  let retryAfter: string | undefined;
  const sink = await startHttpSink();

  const answer = (req: SinkRequest): SinkReply => {
    if (mode === 'hang') return { status: 200, hang: true };
    const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
    if (mode === 'unauthorized' || req.headers.authorization !== expected) {
      const reply = twilioError(401, 20003, 'Authenticate');
      return { ...reply, headers: { ...reply.headers, 'www-authenticate': 'Basic realm="Twilio API"' } };
    }
    if (mode === 'rate-limited') {
      const reply = twilioError(429, 20429, 'Too Many Requests');
      return {
        ...reply,
        headers: { ...reply.headers, ...(retryAfter ? { 'retry-after': retryAfter } : {}) },
      };
    }
    if (mode === 'server-error') return twilioError(500, 20500, 'An internal server error has occurred');

    const url = new URL(req.path, 'http://fake');
    const notFound = twilioError(404, 20404, `The requested resource ${url.pathname} was not found`);
    const accountPath = `${API}/Accounts/${accountSid}`;
    if (req.method === 'GET' && url.pathname === `${accountPath}.json`) return json(200, account());
    if (req.method === 'POST' && url.pathname === `${accountPath}/Messages.json`) return create(req);
    const fetched = url.pathname.match(/^\/2010-04-01\/Accounts\/(AC\w+)\/Messages\/(SM[0-9a-f]{32})\.json$/);
    if (req.method === 'GET' && fetched?.[1] === accountSid) {
      const message = messages.get(fetched[2]!);
      return message ? json(200, resource(message)) : notFound;
    }
    return notFound;
  };

  const create = (req: SinkRequest): SinkReply => {
    // Twilio reads only form fields; a JSON body leaves every parameter missing.
    const form = req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')
      ? new URLSearchParams(req.body)
      : new URLSearchParams();
    const to = form.get('To');
    const from = form.get('From');
    const service = form.get('MessagingServiceSid');
    const body = form.get('Body');
    const callback = form.get('StatusCallback');
    if (!to) return twilioError(400, 21604, "A 'To' phone number is required.");
    if (!E164.test(to)) return twilioError(400, 21211, `Invalid 'To' Phone Number: ${to}`);
    if (!from && !service) return twilioError(400, 21603, "A 'From' phone number is required.");
    if (service && !/^MG[0-9a-f]{32}$/.test(service))
      return twilioError(400, 21701, `The Messaging Service Sid ${service} is invalid.`);
    if (!body && !form.get('MediaUrl') && !form.get('ContentSid'))
      return twilioError(400, 21602, 'Message body is required.');
    if (body && body.length > 1600)
      return twilioError(400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
    if (callback && !URL.canParse(callback)) return twilioError(400, 21609, 'Invalid StatusCallback url');
    const now = rfc2822();
    const message: TwilioMessage = {
      sid: sid('SM'),
      to,
      from: from ?? null,
      messaging_service_sid: service ?? null,
      body: body ?? '',
      // With a messaging service Twilio picks the sender later: the message starts "accepted".
      status: service && !from ? 'accepted' : 'queued',
      error_code: null,
      error_message: null,
      status_callback: callback ?? null,
      num_segments: String(Math.max(1, Math.ceil((body ?? '').length / 153))),
      date_created: now,
      date_updated: now,
    };
    messages.set(message.sid, message);
    return json(201, resource(message));
  };

  const account = () => ({
    sid: accountSid,
    owner_account_sid: accountSid,
    friendly_name: 'Switchboard test account',
    status: 'active',
    type: 'Full',
    // The real resource includes the token; Switchboard must never echo it.
    auth_token: authToken,
    date_created: rfc2822(new Date('2024-01-01T00:00:00Z')),
    date_updated: rfc2822(new Date('2024-01-01T00:00:00Z')),
    uri: `${API}/Accounts/${accountSid}.json`,
  });

  const resource = (message: TwilioMessage) => ({
    account_sid: accountSid,
    api_version: '2010-04-01',
    body: message.body,
    date_created: message.date_created,
    date_sent: null,
    date_updated: message.date_updated,
    direction: 'outbound-api',
    error_code: message.error_code,
    error_message: message.error_message,
    from: message.from,
    messaging_service_sid: message.messaging_service_sid,
    num_media: '0',
    num_segments: message.num_segments,
    price: null,
    price_unit: 'USD',
    sid: message.sid,
    status: message.status,
    subresource_uris: { media: `${API}/Accounts/${accountSid}/Messages/${message.sid}/Media.json` },
    to: message.to,
    uri: `${API}/Accounts/${accountSid}/Messages/${message.sid}.json`,
  });

  sink.respondWith(answer);
  return {
    url: sink.url,
    accountSid,
    authToken,
    requests: sink.requests,
    messages,
    setMode(next, options = {}) {
      mode = next;
      retryAfter = options.retryAfter;
    },
    setStatus(messageSid, status, error) {
      const message = messages.get(messageSid);
      if (!message) throw new Error(`no message ${messageSid}`);
      Object.assign(message, {
        status,
        error_code: error?.code ?? null,
        error_message: error?.message ?? null,
        date_updated: rfc2822(),
      });
    },
    close: () => sink.close(),
  };
}

function json(status: number, body: unknown): SinkReply {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
