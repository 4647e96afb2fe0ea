import { SESv2Client } from '@aws-sdk/client-sesv2';
import { awsClientOptions } from '../../aws/client-options';
import type { SendContext } from '../../types';
import { type SesConfig, sesEndpoint } from './config';

/** An SES v2 client for one call, on the channel's endpoint and keys (see `awsClientOptions`). */
export async function sesClient(config: SesConfig, ctx: SendContext): Promise<SESv2Client> {
  return new SESv2Client(await awsClientOptions(config, sesEndpoint(config), ctx));
}
