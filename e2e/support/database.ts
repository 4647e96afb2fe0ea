import pg from 'pg';

/**
 * Runs `work` with a client on the e2e database (the one the app under test uses), for specs that seed rows the
 * console cannot make on demand (messages of every status at chosen times).
 */
export async function withE2eDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error('E2E_DATABASE_URL is not set: run the e2e tests through `npm run test:e2e`.');
  const client = new pg.Client(url);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
