import pg from 'pg';

/**
 * Leadership among workers for one key: a session-level PostgreSQL advisory lock. It is held on a connection
 * of its own rather than one checked out of the shared pool, because a leader keeps it for as long as it
 * leads, and a few poll triggers must not take the connections the ingest itself needs. A session's lock lives
 * exactly as long as the session, so while the connection answers the lock is still ours; when it dies the
 * lock is released by the server and another worker can take over.
 */
export class AdvisoryLock {
  private client: pg.Client | undefined;
  private held = false;

  constructor(
    private readonly connection: pg.ClientConfig,
    /** Hashed by the server (hashtextextended) into the 64-bit lock key. */
    private readonly key: string,
    /** How the lock's session shows in pg_stat_activity. */
    private readonly applicationName = 'switchboard-poll-lock',
  ) {}

  /** True when this worker holds the lock (taking it if free); false when another worker does. */
  async hold(): Promise<boolean> {
    try {
      if (this.held && this.client) {
        await this.client.query('SELECT 1');
        return true;
      }
      this.client ??= await this.connect();
      const { rows } = await this.client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked',
        [this.key],
      );
      this.held = rows[0]?.locked === true;
      // A standby worker asks again later; it need not keep a connection open meanwhile.
      if (!this.held) await this.release();
      return this.held;
    } catch (error) {
      await this.release();
      throw error;
    }
  }

  /** Ends the session, which releases the lock. */
  async release(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.held = false;
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({
      ...this.connection,
      application_name: this.applicationName,
      keepAlive: true,
      // A connection that stopped answering must not leave the poller waiting forever.
      query_timeout: 10_000,
    });
    // A dropped connection is noticed by the next query; without a listener the error would crash the worker.
    client.on('error', () => {
      this.held = false;
    });
    await client.connect();
    return client;
  }
}
