import { SNSClient } from '@aws-sdk/client-sns';
import { awsClientOptions } from '../../aws/client-options';
import type { SendContext } from '../../types';
import { type SnsConfig, snsEndpoint } from './config';

/** An SNS client for one call, on the channel's endpoint and keys (see `awsClientOptions`). */
export async function snsClient(config: SnsConfig, ctx: SendContext): Promise<SNSClient> {
  return new SNSClient(await awsClientOptions(config, snsEndpoint(config), ctx));
}
