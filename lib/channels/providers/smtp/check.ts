import type { CheckResult, SendContext } from '../../types';
import type { SmtpConfig } from './config';
import { classifySmtpError } from './errors';
import { abortable } from './send';
import { singleTransport } from './transports';

/** Connects, negotiates TLS as configured and authenticates (`verify()`), without sending a mail. */
export async function checkSmtp(config: SmtpConfig, ctx: SendContext): Promise<CheckResult> {
  const transporter = singleTransport(config, ctx);
  try {
    await abortable(transporter.verify(), ctx.signal);
    const who = config.username ? ` and authenticated as ${config.username}` : '';
    return { ok: true, detail: `connected to ${config.host}:${config.port}${who}` };
  } catch (error) {
    return { ok: false, detail: classifySmtpError(error, {}).message };
  } finally {
    transporter.close();
  }
}
