import { execFile } from 'node:child_process';
import { RABBITMQ_URL } from '../../support/brokers';

/**
 * A RabbitMQ virtual host of the fault suite's own: closing every connection of it leaves the other tests'
 * connections (on `/`) alone. Driven with rabbitmqctl, as the broker's operators would.
 */
function rabbitmqctl(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('rabbitmqctl', ['--quiet', ...args], { timeout: 60_000 }, (error, stdout, stderr) =>
      error
        ? reject(new Error(`rabbitmqctl ${args.join(' ')}: ${error.message}\n${stderr}`))
        : resolve(stdout),
    );
  });
}

export async function createVhost(vhost: string): Promise<string> {
  await rabbitmqctl(['add_vhost', vhost]);
  const user = decodeURIComponent(new URL(RABBITMQ_URL).username || 'guest');
  await rabbitmqctl(['set_permissions', '-p', vhost, user, '.*', '.*', '.*']);
  const url = new URL(RABBITMQ_URL);
  url.pathname = `/${encodeURIComponent(vhost)}`;
  return url.toString();
}

export async function deleteVhost(vhost: string): Promise<void> {
  await rabbitmqctl(['delete_vhost', vhost]);
}

/** Force-closes every client connection of the vhost (consumers and publishers alike). */
export async function closeAllConnections(vhost: string): Promise<void> {
  await rabbitmqctl(['close_all_connections', '--vhost', vhost, '--limit', '10000', 'fault injection']);
}
