import { randomBytes, randomUUID } from 'node:crypto';
import { type ParsedMail, simpleParser } from 'mailparser';
import { type SinkReply, type SinkRequest, startHttpSink } from '../support/http-sink';
import { verifySigV4 } from './aws-sigv4';

/**
 * A strict stand-in for the Amazon SES API v1, a query API: every call is `POST /`, form-encoded, with
 * `Action=<name>&Version=2010-12-01` and the input flattened (`Destination.ToAddresses.member.1=…`,
 * `Tags.member.1.Name=…`). Implements SendEmail, SendTemplatedEmail, SendRawEmail (the base64 MIME message is
 * decoded and parsed), GetSendQuota and GetAccountSendingEnabled. Every request's AWS Signature Version 4 is
 * recomputed from the known secret key (service `ses`); answers are SES's XML, errors too:
 * `<ErrorResponse><Error><Type>Sender</Type><Code>…</Code><Message>…</Message></Error><RequestId>…`.
 */

export type FakeMode = 'ok' | 'unauthorized' | 'rate-limited' | 'server-error' | 'hang';

export type SesAction = 'SendEmail' | 'SendTemplatedEmail' | 'SendRawEmail';

export interface SentEmail {
  messageId: string;
  action: SesAction;
  /** The form fields of the accepted call (Action and Version included). */
  form: URLSearchParams;
  /** SendRawEmail: the MIME message as sent, and as mailparser reads it. */
  raw?: { mime: string; mail: ParsedMail };
}

export interface SesFake {
  url: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  requests: SinkRequest[];
  sent: SentEmail[];
  /** `rate-limited` answers SES's 400 Throttling, with Retry-After only when given here (SES sends none). */
  setMode(mode: FakeMode, options?: { retryAfter?: string }): void;
  /** Paused sending: GetAccountSendingEnabled says false and sends are refused. */
  setSendingEnabled(enabled: boolean): void;
  close(): Promise<void>;
}

const VERSION = '2010-12-01';
const XMLNS = 'http://ses.amazonaws.com/doc/2010-12-01/';
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const MAX_RECIPIENTS = 50;
// SES API v1: 10 MB per message, attachments (base64 in the MIME) included.
const MAX_RAW_BYTES = 10 * 1024 * 1024;
const TAG = /^[A-Za-z0-9_-]{1,255}$/;
const CHARSETS = new Set(['utf-8', 'iso-8859-1', 'us-ascii', 'shift_jis']);
const UNSUPPORTED_ATTACHMENT_TYPES = new Set(
  'ade adp app bat chm cmd com cpl exe hta inf ins js jse lnk msi msp pif ps1 reg scr sct vb vbe vbs ws wsf wsh'.split(
    ' ',
  ),
);
// What verifySigV4 names its refusals (the JSON APIs' codes) as a query API names them.
const SIGNATURE_CODES: Record<string, [status: number, code: string]> = {
  MissingAuthenticationTokenException: [403, 'MissingAuthenticationToken'],
  IncompleteSignatureException: [400, 'IncompleteSignature'],
  InvalidSignatureException: [403, 'SignatureDoesNotMatch'],
  UnrecognizedClientException: [403, 'InvalidClientTokenId'],
};

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
  let sendingEnabled = true;
  const sink = await startHttpSink();

  sink.respondWith(async (req): Promise<SinkReply> => {
    if (mode === 'hang') return { status: 200, hang: true };
    const refusal = verifySigV4(req, { region, service: 'ses', accessKeyId, secretAccessKey });
    if (refusal) {
      const [status, code] = SIGNATURE_CODES[refusal.code] ?? [refusal.status, refusal.code];
      return error(status, code, refusal.message);
    }
    if (mode === 'unauthorized')
      return error(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
    if (mode === 'rate-limited') {
      const reply = error(400, 'Throttling', 'Maximum sending rate exceeded.');
      return {
        ...reply,
        headers: { ...reply.headers, ...(retryAfter ? { 'retry-after': retryAfter } : {}) },
      };
    }
    if (mode === 'server-error')
      return error(
        500,
        'InternalFailure',
        'The request processing has failed because of an unknown error, exception or failure.',
        'Receiver',
      );

    if (req.method !== 'POST' || new URL(req.path, 'http://fake').pathname !== '/')
      return error(404, 'UnknownOperationException', 'Unknown operation');
    if (req.headers['content-type'] !== 'application/x-www-form-urlencoded')
      return error(400, 'MissingAction', 'Missing Action');
    const form = new URLSearchParams(req.body);
    const action = form.get('Action');
    if (!action) return error(400, 'MissingAction', 'Missing Action');
    if (form.get('Version') !== VERSION)
      return error(400, 'InvalidParameterValue', `Invalid API version: ${form.get('Version')}`);
    switch (action) {
      case 'GetSendQuota':
        return result(
          action,
          `<SentLast24Hours>${sent.length.toFixed(1)}</SentLast24Hours><Max24HourSend>200.0</Max24HourSend><MaxSendRate>1.0</MaxSendRate>`,
        );
      case 'GetAccountSendingEnabled':
        return result(action, `<Enabled>${sendingEnabled}</Enabled>`);
      case 'SendEmail':
      case 'SendTemplatedEmail':
      case 'SendRawEmail':
        return send(action, form);
      default:
        return error(400, 'InvalidAction', `The action ${action} is not valid for this web service.`);
    }
  });

  async function send(action: SesAction, form: URLSearchParams): Promise<SinkReply> {
    let raw: SentEmail['raw'];
    let source = form.get('Source');
    let recipients: string[];
    if (action === 'SendRawEmail') {
      const data = form.get('RawMessage.Data');
      if (data === null) return missing('rawMessage.data');
      const bytes = Buffer.from(data, 'base64');
      if (bytes.toString('base64') !== data)
        return invalid('RawMessage.Data must be base64-encoded MIME content');
      if (bytes.length > MAX_RAW_BYTES)
        return error(
          400,
          'MessageRejected',
          `Message length is more than ${MAX_RAW_BYTES} bytes long: '${bytes.length}'.`,
        );
      const mime = bytes.toString('utf8');
      const mail = await simpleParser(bytes);
      raw = { mime, mail };
      source ??= mail.from?.text ?? null;
      if (!source) return invalid("Missing required header 'From'.");
      const destinations = members(form, 'Destinations');
      const headerRecipients = [mail.to, mail.cc, mail.bcc]
        .flatMap((field) => (Array.isArray(field) ? field : field ? [field] : []))
        .flatMap((field) => field.value.map((entry) => entry.address ?? ''));
      recipients = destinations.length ? destinations : headerRecipients;
      if (!recipients.length) return invalid("Missing required header 'To'.");
      for (const attachment of mail.attachments) {
        const extension = attachment.filename?.split('.').at(-1)?.toLowerCase() ?? '';
        if (UNSUPPORTED_ATTACHMENT_TYPES.has(extension))
          return error(400, 'MessageRejected', `Unsupported attachment type: .${extension}`);
      }
    } else {
      if (source === null) return missing('source');
      recipients = ['ToAddresses', 'CcAddresses', 'BccAddresses'].flatMap((kind) =>
        members(form, `Destination.${kind}`),
      );
      if (!recipients.length) return invalid("Missing required header 'To'.");
      const replyTo = members(form, 'ReplyToAddresses');
      const bad = replyTo.find((address) => !EMAIL.test(bareAddress(address)));
      if (bad !== undefined) return invalid(`Illegal address: ${bad}`);
    }
    if (!/^[\x20-\x7e]+$/.test(source)) return invalid(`Illegal address: ${source}`);
    const sourceAddress = bareAddress(source);
    if (!EMAIL.test(sourceAddress)) return invalid(`Missing final '@domain' in ${source}`);
    if (recipients.length > MAX_RECIPIENTS) return invalid(`Recipient count exceeds ${MAX_RECIPIENTS}.`);
    const badRecipient = recipients.find((address) => !EMAIL.test(bareAddress(address)));
    if (badRecipient !== undefined) return invalid(`Illegal address: ${badRecipient}`);

    const problem =
      action === 'SendEmail'
        ? messageProblem(form)
        : action === 'SendTemplatedEmail'
          ? templateProblem(form)
          : undefined;
    if (problem) return problem;
    for (const [n, tag] of indexed(form, 'Tags', ['Name', 'Value'])) {
      if (!TAG.test(tag.Name ?? '') || !TAG.test(tag.Value ?? ''))
        return invalid(
          `Invalid tag Tags.member.${n}: names and values may hold only ASCII letters, digits, '_' and '-'.`,
        );
    }
    const configurationSet = form.get('ConfigurationSetName');
    if (configurationSet !== null && !configurationSets.has(configurationSet))
      return error(
        400,
        'ConfigurationSetDoesNotExist',
        `Configuration set <${configurationSet}> does not exist.`,
      );
    if (!sendingEnabled)
      return error(400, 'AccountSendingPausedException', 'Sending is paused for this account.');
    const domain = sourceAddress.split('@')[1] ?? '';
    if (!identities.has(sourceAddress) && !identities.has(domain)) {
      return error(
        400,
        'MessageRejected',
        `Email address is not verified. The following identities failed the check in region ${region.toUpperCase()}: ${sourceAddress}`,
      );
    }
    const messageId = `0102019${randomBytes(6).toString('hex')}-${randomUUID()}-000000`;
    sent.push({ messageId, action, form, ...(raw ? { raw } : {}) });
    return result(action, `<MessageId>${messageId}</MessageId>`);
  }

  function messageProblem(form: URLSearchParams): SinkReply | undefined {
    if (form.get('Message.Subject.Data') === null) return missing('message.subject');
    const parts = ['Message.Subject', 'Message.Body.Text', 'Message.Body.Html'];
    if (form.get('Message.Body.Text.Data') === null && form.get('Message.Body.Html.Data') === null)
      return invalid('The message body must contain Text or Html.');
    for (const part of parts) {
      const charset = form.get(`${part}.Charset`);
      if (charset !== null && !CHARSETS.has(charset.toLowerCase()))
        return invalid(`Unsupported charset ${charset} in ${part}.`);
    }
    return undefined;
  }

  function templateProblem(form: URLSearchParams): SinkReply | undefined {
    const template = form.get('Template');
    if (template === null) return missing('template');
    const data = form.get('TemplateData');
    if (data === null) return missing('templateData');
    if (!templates.has(template))
      return error(400, 'TemplateDoesNotExist', `Template ${template} does not exist.`);
    try {
      const parsed = JSON.parse(data);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error();
    } catch {
      return invalid('TemplateData must be a JSON object.');
    }
    return undefined;
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
    setSendingEnabled(enabled) {
      sendingEnabled = enabled;
    },
    close: () => sink.close(),
  };
}

/** `<prefix>.member.1`, `.member.2`, …: a query API's list, in order. */
export function members(form: URLSearchParams, prefix: string): string[] {
  const values: string[] = [];
  for (let n = 1; form.has(`${prefix}.member.${n}`); n++) values.push(form.get(`${prefix}.member.${n}`)!);
  return values;
}

/** A list of structures: `<prefix>.member.N.<field>`. */
function indexed(
  form: URLSearchParams,
  prefix: string,
  fields: string[],
): [number, Record<string, string | null>][] {
  const entries: [number, Record<string, string | null>][] = [];
  for (let n = 1; fields.some((field) => form.has(`${prefix}.member.${n}.${field}`)); n++) {
    entries.push([
      n,
      Object.fromEntries(fields.map((field) => [field, form.get(`${prefix}.member.${n}.${field}`)])),
    ]);
  }
  return entries;
}

function bareAddress(mailbox: string): string {
  return /<([^>]+)>\s*$/.exec(mailbox)?.[1] ?? mailbox;
}

function result(action: string, fields: string): SinkReply {
  return xml(
    200,
    `<${action}Response xmlns="${XMLNS}"><${action}Result>${fields}</${action}Result><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`,
  );
}

function error(status: number, code: string, message: string, type = 'Sender'): SinkReply {
  return xml(
    status,
    `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  );
}

function invalid(message: string): SinkReply {
  return error(400, 'InvalidParameterValue', message);
}

/** AWS's answer to a missing required parameter, named as the service model names it. */
function missing(member: string): SinkReply {
  return error(
    400,
    'ValidationError',
    `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
  );
}

function xml(status: number, body: string): SinkReply {
  return { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() }, body };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
