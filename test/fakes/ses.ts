import { createSign, randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { type SinkReply, type SinkRequest, startHttpSink } from '../support/http-sink';
import { verifySigV4 } from './aws-sigv4';

/**
 * A strict stand-in for the Amazon SES API v2 (REST + JSON): SendEmail (POST /v2/email/outbound-emails) and
 * GetAccount (GET /v2/email/account). Every request's AWS Signature Version 4 is recomputed from the known
 * secret key (service `ses`); errors are answered like SES: status, `x-amzn-ErrorType: <Code>` and
 * `{"message": …}`.
 *
 * `startSnsPublisher` plays the SNS side of SES event publishing: it signs notifications with an RSA key whose
 * certificate it serves over HTTPS on 127.0.0.1 (SigningCertURL), and answers SubscribeURL visits.
 */

// biome-ignore lint/suspicious/noExplicitAny: the fake walks untrusted JSON and checks each field as it goes
type Loose = any;

const UNSUPPORTED_ATTACHMENT_TYPES = new Set(
  'ade adp app bat chm cmd com cpl exe hta inf ins js jse lnk msi msp pif ps1 reg scr sct vb vbe vbs ws wsf wsh'.split(
    ' ',
  ),
);

export type FakeMode = 'ok' | 'unauthorized' | 'rate-limited' | 'server-error' | 'hang';

export interface SentEmail {
  messageId: string;
  body: Record<string, Loose>;
}

export interface SesFake {
  url: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  requests: SinkRequest[];
  sent: SentEmail[];
  setMode(mode: FakeMode, options?: { retryAfter?: string }): void;
  close(): Promise<void>;
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const MAX_RECIPIENTS = 50;
const TAG = /^[A-Za-z0-9_.@-]{1,256}$/;

export async function startSesFake(
  options: {
    region?: string;
    accessKeyId?: string;
    secretAccessKey?: string;
    /** Verified identities: addresses or whole domains. */
    identities?: string[];
    templates?: string[];
    configurationSets?: string[];
  } = {},
): Promise<SesFake> {
  const region = options.region ?? 'eu-west-1';
  const accessKeyId = options.accessKeyId ?? 'AKIAFAKESES0000TEST';
  const secretAccessKey = options.secretAccessKey ?? 'fake/ses/secret+key/0123456789abcdefABCDEF';
  const identities = new Set(options.identities ?? ['example.test']);
  const templates = new Set(options.templates ?? []);
  const configurationSets = new Set(options.configurationSets ?? []);
  const sent: SentEmail[] = [];
  let mode: FakeMode = 'ok';
  let retryAfter: string | undefined;
  const sink = await startHttpSink();

  sink.respondWith((req): SinkReply => {
    if (mode === 'hang') return { status: 200, hang: true };
    const refusal = verifySigV4(req, { region, service: 'ses', accessKeyId, secretAccessKey });
    if (refusal) return error(refusal.status, refusal.code, refusal.message);
    if (mode === 'unauthorized') {
      return error(
        403,
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
      );
    }
    if (mode === 'rate-limited') {
      const reply = error(429, 'TooManyRequestsException', 'Too Many Requests');
      return {
        ...reply,
        headers: { ...reply.headers, ...(retryAfter ? { 'retry-after': retryAfter } : {}) },
      };
    }
    if (mode === 'server-error')
      return error(500, 'InternalFailure', 'The request processing has failed because of an unknown error.');

    const path = req.path.split('?')[0];
    if (path === '/v2/email/account') {
      if (req.method !== 'GET') return error(405, 'MethodNotAllowed', 'Method not allowed');
      return json(200, {
        DedicatedIpAutoWarmupEnabled: false,
        EnforcementStatus: 'HEALTHY',
        ProductionAccessEnabled: false,
        SendQuota: { Max24HourSend: 200, MaxSendRate: 1, SentLast24Hours: sent.length },
        SendingEnabled: true,
      });
    }
    if (path === '/v2/email/outbound-emails') {
      if (req.method !== 'POST') return error(405, 'MethodNotAllowed', 'Method not allowed');
      return sendEmail(req);
    }
    return error(404, 'UnknownOperationException', 'Unknown operation');
  });

  function sendEmail(req: SinkRequest): SinkReply {
    if (!req.headers['content-type']?.startsWith('application/json')) {
      return error(415, 'UnsupportedMediaTypeException', 'Unsupported Media Type');
    }
    let body: Record<string, Loose>;
    try {
      body = JSON.parse(req.body);
    } catch {
      return error(400, 'SerializationException', 'Could not parse the request body');
    }
    const from = body.FromEmailAddress;
    if (typeof from !== 'string' || !from) return badRequest('FromEmailAddress is required');
    const fromAddress = /<([^>]+)>\s*$/.exec(from)?.[1] ?? from;
    if (!EMAIL.test(fromAddress)) return badRequest(`Missing final '@domain' in ${from}`);
    const to = body.Destination?.ToAddresses;
    if (!Array.isArray(to) || to.length === 0)
      return badRequest('Destination must contain at least one address');
    if (to.length > MAX_RECIPIENTS) return badRequest(`Recipient count exceeds ${MAX_RECIPIENTS}.`);
    const invalid = [...to, ...(body.ReplyToAddresses ?? [])].find(
      (a) => typeof a !== 'string' || !EMAIL.test(a.replace(/^.*<([^>]+)>$/, '$1')),
    );
    if (invalid !== undefined) return badRequest(`Illegal address: ${invalid}`);
    const problem = contentProblem(body.Content);
    if (problem) return problem;
    if (body.ConfigurationSetName !== undefined && !configurationSets.has(body.ConfigurationSetName)) {
      return error(
        404,
        'NotFoundException',
        `Configuration set <${body.ConfigurationSetName}> does not exist.`,
      );
    }
    for (const tag of body.EmailTags ?? []) {
      if (!TAG.test(tag?.Name ?? '') || !TAG.test(tag?.Value ?? ''))
        return badRequest(`Invalid tag: ${JSON.stringify(tag)}`);
    }
    const domain = fromAddress.split('@')[1] ?? '';
    if (!identities.has(fromAddress) && !identities.has(domain)) {
      return error(
        400,
        'MessageRejected',
        `Email address is not verified. The following identities failed the check in region ${region.toUpperCase()}: ${fromAddress}`,
      );
    }
    const messageId = `0102019${randomBytes(6).toString('hex')}-${randomUUID()}-000000`;
    sent.push({ messageId, body });
    return json(200, { MessageId: messageId });
  }

  function contentProblem(content: Loose): SinkReply | undefined {
    if (!content || typeof content !== 'object') return badRequest('Content is required');
    const kinds = ['Simple', 'Raw', 'Template'].filter((kind) => content[kind] !== undefined);
    if (kinds.length !== 1) return badRequest('Content must contain exactly one of Simple, Raw or Template');
    const attachments = content.Simple?.Attachments ?? content.Template?.Attachments ?? [];
    for (const attachment of attachments) {
      if (typeof attachment.FileName !== 'string' || typeof attachment.RawContent !== 'string') {
        return badRequest('Attachment FileName and RawContent are required');
      }
      if (Buffer.from(attachment.RawContent, 'base64').toString('base64') !== attachment.RawContent) {
        return badRequest('Attachment RawContent must be base64');
      }
      if (attachment.FileName.length === 0 || attachment.FileName.length > 255)
        return badRequest('Attachment FileName must be 1 to 255 characters');
      if (
        attachment.ContentDisposition !== undefined &&
        !['ATTACHMENT', 'INLINE'].includes(attachment.ContentDisposition)
      ) {
        return badRequest(`Invalid ContentDisposition: ${attachment.ContentDisposition}`);
      }
      if (
        attachment.ContentTransferEncoding !== undefined &&
        !['BASE64', 'QUOTED_PRINTABLE', 'SEVEN_BIT'].includes(attachment.ContentTransferEncoding)
      ) {
        return badRequest(`Invalid ContentTransferEncoding: ${attachment.ContentTransferEncoding}`);
      }
      if (attachment.ContentDisposition === 'INLINE' && !attachment.ContentId)
        return badRequest('ContentId is required for an INLINE attachment');
      // SES refuses mail carrying these file types (its list of unsupported attachment types, in part).
      const extension = attachment.FileName.split('.').at(-1)?.toLowerCase() ?? '';
      if (UNSUPPORTED_ATTACHMENT_TYPES.has(extension))
        return error(400, 'MessageRejected', `Unsupported attachment type: .${extension}`);
    }
    const rawBytes = attachments.reduce(
      (sum: number, a: Loose) => sum + Buffer.from(a.RawContent, 'base64').length,
      0,
    );
    if (rawBytes > 40 * 1024 * 1024)
      return error(400, 'MessageRejected', 'Message length is more than 40 MB');
    if (content.Simple) {
      const { Subject, Body } = content.Simple;
      if (typeof Subject?.Data !== 'string') return badRequest('Subject is required');
      if (typeof Body?.Text?.Data !== 'string' && typeof Body?.Html?.Data !== 'string') {
        return badRequest('Body must contain Text or Html');
      }
      return undefined;
    }
    if (content.Template) {
      const { TemplateName, TemplateData } = content.Template;
      if (typeof TemplateName !== 'string')
        return badRequest('TemplateName, TemplateArn or TemplateContent is required');
      if (!templates.has(TemplateName))
        return error(404, 'NotFoundException', `Template ${TemplateName} does not exist.`);
      try {
        const data = JSON.parse(TemplateData ?? '');
        if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error();
      } catch {
        return badRequest('TemplateData must be a JSON object');
      }
      return undefined;
    }
    return badRequest('Raw content is not supported by this fake');
  }

  return {
    url: sink.url,
    region,
    accessKeyId,
    secretAccessKey,
    requests: sink.requests,
    sent,
    setMode(next, modeOptions = {}) {
      mode = next;
      retryAfter = modeOptions.retryAfter;
    },
    close: () => sink.close(),
  };
}

function json(status: number, body: unknown): SinkReply {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID() },
    body: JSON.stringify(body),
  };
}

function error(status: number, code: string, message: string): SinkReply {
  const reply = json(status, { message });
  return { ...reply, headers: { ...reply.headers, 'x-amzn-errortype': code } };
}

function badRequest(message: string): SinkReply {
  return error(400, 'BadRequestException', message);
}

// ---------------------------------------------------------------------------------------------------------------
// The SNS side: signed notifications and subscription confirmations.

export interface SnsPublisher {
  /** Host of the certificate and SubscribeURLs (for the channel's sns_certificate_host). */
  host: string;
  /** The TLS certificate of that host (for the channel's sns_certificate_ca). */
  ca: string;
  topicArn: string;
  certificateUrl: string;
  /** Tokens of the subscriptions confirmed through SubscribeURL. */
  confirmed: string[];
  /** Certificate downloads, to check caching. */
  certificateFetches: number;
  /** A signed SNS Notification carrying `message` (an SES event) as its Message. */
  notification(
    message: unknown,
    options?: { signatureVersion?: '1' | '2'; subject?: string },
  ): Record<string, string>;
  subscriptionConfirmation(): Record<string, string>;
  close(): Promise<void>;
}

export async function startSnsPublisher(
  options: { region?: string; topicArn?: string } = {},
): Promise<SnsPublisher> {
  const region = options.region ?? 'eu-west-1';
  const topicArn = options.topicArn ?? `arn:aws:sns:${region}:123456789012:ses-events`;
  // One self-signed certificate for 127.0.0.1: the HTTPS server's and, as SNS's signing certificate, the key
  // notifications are signed with.
  const pems = await generate([{ name: 'commonName', value: 'sns.fake' }], {
    keyType: 'rsa',
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  const certificatePath = `/SimpleNotificationService-${randomBytes(16).toString('hex')}.pem`;
  const confirmed: string[] = [];
  const tokens = new Set<string>();
  let certificateFetches = 0;

  const server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    if (req.method === 'GET' && url.pathname === certificatePath) {
      certificateFetches++;
      res.writeHead(200, { 'content-type': 'application/x-pem-file' });
      return res.end(pems.cert);
    }
    if (
      req.method === 'GET' &&
      url.pathname === '/' &&
      url.searchParams.get('Action') === 'ConfirmSubscription'
    ) {
      const token = url.searchParams.get('Token') ?? '';
      if (url.searchParams.get('TopicArn') !== topicArn || !tokens.has(token)) {
        res.writeHead(400, { 'content-type': 'text/xml' });
        return res.end(
          '<ErrorResponse><Error><Type>Sender</Type><Code>InvalidParameter</Code><Message>Invalid token</Message></Error></ErrorResponse>',
        );
      }
      confirmed.push(token);
      res.writeHead(200, { 'content-type': 'text/xml' });
      return res.end(
        `<ConfirmSubscriptionResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><ConfirmSubscriptionResult><SubscriptionArn>${topicArn}:${randomUUID()}</SubscriptionArn></ConfirmSubscriptionResult></ConfirmSubscriptionResponse>`,
      );
    }
    res.writeHead(404);
    res.end();
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `https://127.0.0.1:${port}`;

  function sign(fields: Record<string, string>, order: string[], version: '1' | '2'): Record<string, string> {
    const text = order
      .filter((key) => fields[key] !== undefined)
      .map((key) => `${key}\n${fields[key]}\n`)
      .join('');
    const signature = createSign(version === '1' ? 'RSA-SHA1' : 'RSA-SHA256')
      .update(text)
      .sign(pems.private, 'base64');
    return {
      ...fields,
      SignatureVersion: version,
      Signature: signature,
      SigningCertURL: `${base}${certificatePath}`,
    };
  }

  return {
    host: '127.0.0.1',
    ca: pems.cert,
    topicArn,
    certificateUrl: `${base}${certificatePath}`,
    confirmed,
    get certificateFetches() {
      return certificateFetches;
    },
    notification(message, notificationOptions = {}) {
      const fields: Record<string, string> = {
        Type: 'Notification',
        MessageId: randomUUID(),
        TopicArn: topicArn,
        ...(notificationOptions.subject ? { Subject: notificationOptions.subject } : {}),
        Message: JSON.stringify(message),
        Timestamp: new Date().toISOString(),
      };
      const signed = sign(
        fields,
        ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
        notificationOptions.signatureVersion ?? '1',
      );
      return { ...signed, UnsubscribeURL: `${base}/?Action=Unsubscribe&SubscriptionArn=${topicArn}:sub` };
    },
    subscriptionConfirmation() {
      const token = randomBytes(32).toString('hex');
      tokens.add(token);
      const fields: Record<string, string> = {
        Type: 'SubscriptionConfirmation',
        MessageId: randomUUID(),
        Token: token,
        TopicArn: topicArn,
        Message: `You have chosen to subscribe to the topic ${topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
        SubscribeURL: `${base}/?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(topicArn)}&Token=${token}`,
        Timestamp: new Date().toISOString(),
      };
      return sign(
        fields,
        ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
        '1',
      );
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
