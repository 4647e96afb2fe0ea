import { verify as verifySignature } from 'node:crypto';
import type { SesConfig } from './config';
import { snsCertificateHost } from './config';
import { isTrustedSnsUrl, signingCertificate } from './sns-certificate';

/** An SNS HTTP(S) delivery: the JSON body of a Notification, SubscriptionConfirmation or UnsubscribeConfirmation. */
export interface SnsMessage {
  Type: string;
  MessageId: string;
  TopicArn: string;
  Message: string;
  Timestamp: string;
  SignatureVersion: string;
  Signature: string;
  SigningCertURL: string;
  Subject?: string;
  Token?: string;
  SubscribeURL?: string;
}

const REQUIRED = [
  'Type',
  'MessageId',
  'TopicArn',
  'Message',
  'Timestamp',
  'SignatureVersion',
  'Signature',
  'SigningCertURL',
];

// The fields SNS signs, in this order, per message type (https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html).
const SIGNED_FIELDS: Record<string, (keyof SnsMessage)[]> = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  SubscriptionConfirmation: [
    'Message',
    'MessageId',
    'SubscribeURL',
    'Timestamp',
    'Token',
    'TopicArn',
    'Type',
  ],
  UnsubscribeConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
};

const ALGORITHMS: Record<string, string> = { '1': 'RSA-SHA1', '2': 'RSA-SHA256' };

export function parseSnsMessage(rawBody: string): SnsMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(rawBody);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const message = value as Record<string, unknown>;
  return REQUIRED.every((key) => typeof message[key] === 'string')
    ? (message as unknown as SnsMessage)
    : undefined;
}

/** "Key\nValue\n" for each signed field present, the string SNS signs. */
export function stringToSign(message: SnsMessage): string | undefined {
  const fields = SIGNED_FIELDS[message.Type];
  if (!fields) return undefined;
  return fields
    .filter((field) => typeof message[field] === 'string')
    .map((field) => `${field}\n${message[field]}\n`)
    .join('');
}

/**
 * Checks the message's RSA signature with the certificate at SigningCertURL, which must be https on the trusted
 * host, and, when the channel names one, that it comes from the channel's topic.
 */
export async function verifySnsMessage(message: SnsMessage, config: SesConfig): Promise<boolean> {
  if (config.sns_topic_arn && message.TopicArn !== config.sns_topic_arn) return false;
  const algorithm = ALGORITHMS[message.SignatureVersion];
  const text = stringToSign(message);
  if (!algorithm || !text) return false;
  if (!isTrustedSnsUrl(message.SigningCertURL, snsCertificateHost(config), '.pem')) return false;
  const certificate = await signingCertificate(message.SigningCertURL, config.sns_certificate_ca);
  return verifySignature(
    algorithm,
    Buffer.from(text),
    certificate.publicKey,
    Buffer.from(message.Signature, 'base64'),
  );
}
