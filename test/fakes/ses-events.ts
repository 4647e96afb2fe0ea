import { createSign, randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';

/**
 * The SNS side of SES event publishing (a configuration set's event destination, or an identity's
 * notifications): `startSnsPublisher` signs notifications with an RSA key whose certificate it serves over HTTPS
 * on 127.0.0.1 (SigningCertURL), and answers SubscribeURL visits.
 */

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
