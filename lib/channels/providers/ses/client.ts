import { SESClient } from '@aws-sdk/client-ses';
import { awsClientOptions } from '../../aws/client-options';
import type { SendContext } from '../../types';
import { type SesConfig, sesEndpoint } from './config';

/** An SES (API v1, the query API) client for one call, on the channel's endpoint and keys (see `awsClientOptions`). */
export async function sesClient(config: SesConfig, ctx: SendContext): Promise<SESClient> {
  return new SESClient(await awsClientOptions(config, sesEndpoint(config), ctx));
}
