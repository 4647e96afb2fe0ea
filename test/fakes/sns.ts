import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { type SinkReply, type SinkRequest, startHttpSink } from '../support/http-sink';

/**
 * A strict stand-in for Amazon SNS's Query API (POST / with Action=…&Version=2010-03-31, form-encoded). It
 * recomputes the AWS Signature Version 4 of every request from the known secret key — credential scope
 * `<date>/<region>/sns/aws4_request`, signed headers, payload hash — and answers in SNS's XML, errors included.
 */

export type FakeMode = 'ok' | 'unauthorized' | 'forbidden' | 'rate-limited' | 'server-error' | 'hang';

export interface SnsFake {
  url: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  requests: SinkRequest[];
  /** Successful Publish calls: the form fields SNS accepted, by MessageId. */
  published: Map<string, URLSearchParams>;
  setMode(mode: FakeMode, options?: { retryAfter?: string }): void;
  setSandbox(inSandbox: boolean): void;
  close(): Promise<void>;
}

const VERSION = '2010-03-31';
const XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';
const E164 = /^\+[1-9]\d{1,14}$/;
const SMS_ATTRIBUTES = new Set([
  'AWS.SNS.SMS.SenderID',
  'AWS.SNS.SMS.SMSType',
  'AWS.SNS.SMS.MaxPrice',
  'AWS.MM.SMS.OriginationNumber',
  'AWS.MM.SMS.EntityId',
  'AWS.MM.SMS.TemplateId',
]);

export async function startSnsFake(
  options: { region?: string; accessKeyId?: string; secretAccessKey?: string } = {},
): Promise<SnsFake> {
  const region = options.region ?? 'eu-west-1';
  const accessKeyId = options.accessKeyId ?? 'AKIAFAKESNS0000TEST';
  const secretAccessKey = options.secretAccessKey ?? 'fake/sns/secret+key/0123456789abcdefABCDEF';
  const published = new Map<string, URLSearchParams>();
  let mode: FakeMode = 'ok';
  let retryAfter: string | undefined;
  let inSandbox = true;
  const sink = await startHttpSink();

  sink.respondWith((req): SinkReply => {
    if (mode === 'hang') return { status: 200, hang: true };
    const refusal = checkSignature(req, { region, accessKeyId, secretAccessKey });
    if (refusal) return refusal;
    if (mode === 'unauthorized')
      return error(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
    if (mode === 'rate-limited') {
      const reply = error(429, 'Throttled', 'Rate exceeded');
      return {
        ...reply,
        headers: { ...reply.headers, ...(retryAfter ? { 'retry-after': retryAfter } : {}) },
      };
    }
    if (mode === 'server-error')
      return error(500, 'InternalError', 'Request could not be completed', 'Receiver');

    if (req.method !== 'POST' || new URL(req.path, 'http://fake').pathname !== '/')
      return error(404, 'UnknownOperationException', 'Unknown operation');
    if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded'))
      return error(400, 'MissingAction', 'Missing Action');
    const form = new URLSearchParams(req.body);
    const action = form.get('Action');
    if (!action) return error(400, 'MissingAction', 'Missing Action');
    if (form.get('Version') !== VERSION)
      return error(400, 'InvalidParameterValue', `Invalid API version: ${form.get('Version')}`);
    if (mode === 'forbidden')
      return error(
        403,
        'AuthorizationError',
        `User: arn:aws:iam::123456789012:user/switchboard is not authorized to perform: SNS:${action}`,
      );
    if (action === 'Publish') return publish(form);
    if (action === 'GetSMSSandboxAccountStatus')
      return xml(
        `<GetSMSSandboxAccountStatusResponse xmlns="${XMLNS}"><GetSMSSandboxAccountStatusResult><IsInSandbox>${inSandbox}</IsInSandbox></GetSMSSandboxAccountStatusResult>${metadata()}</GetSMSSandboxAccountStatusResponse>`,
      );
    return error(400, 'InvalidAction', `The action ${action} is not valid for this web service.`);
  });

  const publish = (form: URLSearchParams): SinkReply => {
    const phone = form.get('PhoneNumber');
    const targets = ['TopicArn', 'TargetArn', 'PhoneNumber'].filter((key) => form.has(key));
    if (targets.length !== 1)
      return error(
        400,
        'InvalidParameter',
        'Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter',
      );
    if (!form.get('Message'))
      return error(
        400,
        'ValidationError',
        "1 validation error detected: Value null at 'message' failed to satisfy constraint: Member must not be null",
      );
    if (!phone || !E164.test(phone))
      return error(
        400,
        'InvalidParameter',
        `Invalid parameter: PhoneNumber Reason: ${phone} is not valid to publish to`,
      );
    if (Buffer.byteLength(form.get('Message')!) > 1600)
      return error(400, 'InvalidParameter', 'Invalid parameter: Message too long');
    const attributes = messageAttributes(form);
    if (typeof attributes === 'string') return error(400, 'ParameterValueInvalid', attributes);
    const id = randomUUID();
    published.set(id, form);
    return xml(
      `<PublishResponse xmlns="${XMLNS}"><PublishResult><MessageId>${id}</MessageId></PublishResult>${metadata()}</PublishResponse>`,
    );
  };

  return {
    url: sink.url,
    region,
    accessKeyId,
    secretAccessKey,
    requests: sink.requests,
    published,
    setMode(next, opts = {}) {
      mode = next;
      retryAfter = opts.retryAfter;
    },
    setSandbox(value) {
      inSandbox = value;
    },
    close: () => sink.close(),
  };
}

/** MessageAttributes.entry.N.{Name, Value.DataType, Value.StringValue}, as SNS validates SMS attributes. */
export function messageAttributes(form: URLSearchParams): Record<string, string> | string {
  const attributes: Record<string, string> = {};
  for (let n = 1; form.has(`MessageAttributes.entry.${n}.Name`); n++) {
    const prefix = `MessageAttributes.entry.${n}`;
    const name = form.get(`${prefix}.Name`)!;
    const type = form.get(`${prefix}.Value.DataType`);
    const value = form.get(`${prefix}.Value.StringValue`);
    if (!type) return `The message attribute '${name}' must contain non-empty message attribute type.`;
    if (value === null)
      return `The message attribute '${name}' must contain non-empty message attribute value.`;
    if (name.startsWith('AWS.') && !SMS_ATTRIBUTES.has(name))
      return `The message attribute '${name}' is reserved.`;
    if (name === 'AWS.SNS.SMS.SMSType' && !['Promotional', 'Transactional'].includes(value))
      return `The message attribute 'AWS.SNS.SMS.SMSType' has an invalid value: ${value}`;
    attributes[name] = value;
  }
  return attributes;
}

interface Keys {
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** Verifies an AWS SigV4 Authorization header the way AWS does; returns the error answer, or undefined. */
function checkSignature(req: SinkRequest, keys: Keys): SinkReply | undefined {
  const header = req.headers.authorization;
  if (!header) return error(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
  const match = header.match(
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/,
  );
  if (!match)
    return error(
      400,
      'IncompleteSignature',
      `Authorization header requires existence of Credential, SignedHeaders and Signature: ${header.split(' ')[0]}`,
    );
  const [, accessKeyId, date, region, service, signedHeaders, signature] = match as unknown as string[];
  if (accessKeyId !== keys.accessKeyId)
    return error(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
  if (service !== 'sns' || region !== keys.region)
    return error(
      403,
      'SignatureDoesNotMatch',
      `Credential should be scoped to a valid region and service 'sns', not '${region}/${service}'.`,
    );
  const amzDate = req.headers['x-amz-date'] ?? '';
  const names = signedHeaders!.split(';');
  if (!names.includes('host') || !names.includes('x-amz-date') || !amzDate.startsWith(date!))
    return error(
      403,
      'SignatureDoesNotMatch',
      'Host and X-Amz-Date must be signed, and the scope date match X-Amz-Date.',
    );
  const signedAt = Date.parse(
    amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'),
  );
  if (!(Math.abs(Date.now() - signedAt) < 15 * 60_000))
    return error(403, 'SignatureDoesNotMatch', 'Signature expired or not yet current.');
  const url = new URL(req.path, 'http://fake');
  const query = [...url.searchParams]
    .map(([k, v]) => [encode(k), encode(v)])
    .sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonical = [
    req.method,
    url.pathname || '/',
    query,
    ...names.map((name) => `${name}:${(req.headers[name] ?? '').trim().replace(/\s+/g, ' ')}`),
    '',
    signedHeaders,
    sha256(req.body),
  ].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  let key: Buffer = hmac(`AWS4${keys.secretAccessKey}`, date!);
  for (const part of [region!, service!, 'aws4_request']) key = hmac(key, part);
  const expected = createHmac('sha256', key).update(toSign).digest();
  if (!timingSafeEqual(expected, Buffer.from(signature!, 'hex')))
    return error(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  return undefined;
}

function error(status: number, code: string, message: string, type = 'Sender'): SinkReply {
  return xml(
    `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
    status,
  );
}

function xml(body: string, status = 200): SinkReply {
  return { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() }, body };
}

function metadata(): string {
  return `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function encode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function sha256(data: string): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}
