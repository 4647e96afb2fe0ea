import { pick } from './console-words';

/**
 * The set-based statements that fill a bench database with N messages over the 30 days before $end: 8 channels,
 * 6 workflows, one event and run per 2.5 messages (an event fans out to the same person on two or three
 * channels), the messages in time order with a daily rhythm (twice as many at midday as at midnight), and their
 * attempt rows and provider events. One campaign: the weekly digests of 25 to 20 days ago announce a Black Friday
 * sale, so "percent" is common in the table and absent from its newest messages. Random values come from
 * setseed(), so two seeds of the same size match. The statements run on one connection, in order (temporary tables
 * carry the draws from one to the next).
 */

const SPAN_SECONDS = 30 * 86_400;
const DAY_OMEGA = (2 * Math.PI) / 86_400;

export const SEED_REFERENCE = `
  CREATE TEMP TABLE seed_channels (n int, id uuid DEFAULT gen_random_uuid(), name text, type channel_type,
    provider text, share float8, fail float8, lo float8, hi float8);
  INSERT INTO seed_channels (n, name, type, provider, share, fail) VALUES
    (1, 'Transactional email', 'email', 'sendgrid', 0.28, 0.03),
    (2, 'Marketing email', 'email', 'mailgun', 0.17, 0.06),
    (3, 'SMS', 'sms', 'twilio', 0.15, 0.08),
    (4, 'SMS fallback', 'sms', 'vonage', 0.03, 0.15),
    (5, 'Android push', 'push', 'fcm', 0.14, 0.05),
    (6, 'iOS push', 'push', 'apns', 0.06, 0.04),
    (7, 'Ops Slack', 'chat', 'slack', 0.07, 0.02),
    (8, 'Partner webhooks', 'webhook', 'webhook', 0.10, 0.10);
  UPDATE seed_channels s SET lo = x.c - s.share, hi = CASE WHEN s.n = 8 THEN 2 ELSE x.c END
    FROM (SELECT n, sum(share) OVER (ORDER BY n) AS c FROM seed_channels) x WHERE x.n = s.n;
  INSERT INTO channels (id, name, type, provider, config) SELECT id, name, type, provider, '{}' FROM seed_channels;

  CREATE TEMP TABLE seed_workflows (n int, id uuid DEFAULT gen_random_uuid(), key text, name text, share float8,
    lo float8, hi float8);
  INSERT INTO seed_workflows (n, key, name, share) VALUES
    (1, 'order-shipped', 'Order shipped', 0.30), (2, 'password-reset', 'Password reset', 0.15),
    (3, 'welcome', 'Welcome', 0.10), (4, 'invoice-due', 'Invoice due', 0.15),
    (5, 'security-alert', 'Security alert', 0.10), (6, 'weekly-digest', 'Weekly digest', 0.20);
  UPDATE seed_workflows s SET lo = x.c - s.share, hi = CASE WHEN s.n = 6 THEN 2 ELSE x.c END
    FROM (SELECT n, sum(share) OVER (ORDER BY n) AS c FROM seed_workflows) x WHERE x.n = s.n;
  INSERT INTO workflows (id, key, name, steps) SELECT id, key, name, '[]' FROM seed_workflows;`;

/**
 * One row per run: its time ($1 = end, $2 = runs), workflow, person and the event→send latency (exponential,
 * mean 250 ms). Time t ↦ t − (0.5/ω)·sin(ωt) is monotonic and makes the density vary 0.67×–2× over a day.
 */
export const SEED_RUNS = `
  CREATE TEMP TABLE seed_runs AS
  SELECT x.r, gen_random_uuid() AS run_id, gen_random_uuid() AS event_id, x.at, w.id AS workflow_id, w.key,
         floor(random() * 200000)::int AS person, (30 + 250 * -ln(1 - random()))::int AS latency_ms
  FROM (
    SELECT r, date_trunc('milliseconds', $1::timestamptz - interval '${SPAN_SECONDS} seconds'
             + make_interval(secs => u - (0.5 / ${DAY_OMEGA}) * sin(${DAY_OMEGA} * u))) AS at,
           random() AS rw
    FROM (SELECT r, ((r - 1)::float8 / $2::int) * ${SPAN_SECONDS} AS u FROM generate_series(1, $2::int) r) g
    OFFSET 0
  ) x
  JOIN seed_workflows w ON x.rw >= w.lo AND x.rw < w.hi`;

export const SEED_RUNS_INDEX = 'CREATE UNIQUE INDEX ON seed_runs (r); ANALYZE seed_runs';

export const SEED_EVENTS = `
  INSERT INTO events (id, source, source_id, event_type, payload, status, occurred_at, created_at)
  SELECT event_id, 'api', 'seed-' || r, replace(key, '-', '.'), jsonb_build_object('person', person, 'n', r),
         'accepted', at - interval '25 milliseconds', at
  FROM seed_runs;
  INSERT INTO workflow_runs (id, workflow_id, workflow_version, event_id, status, data, current_step, steps,
    created_at, finished_at)
  SELECT run_id, workflow_id, 1, event_id, 'completed', jsonb_build_object('person', person), 1, '[]',
         at + interval '2 milliseconds', at + make_interval(secs => latency_ms / 1000.0)
  FROM seed_runs;`;

// Per message: who (from the run's person), what (the workflow's texts), which channel and status (draws).
const first = pick('first', 's.person');
const last = pick('last', 's.person / 60');
const city = `initcap(${pick('city', 'floor(s.rt * 1000)::int')})`;
const product = pick('product', 's.r');
const weekday = pick('weekday', 's.r');
const device = pick('device', 's.r');
const order = `'A' || (1000000 + s.r)`;
const invoice = `'INV-' || (100000 + s.r)`;

const RECIPIENT = `CASE s.ctype
  WHEN 'email' THEN ${first} || '.' || ${last} || (s.person / 4740) || '@' || ${pick('domain', 's.person')}
  WHEN 'sms' THEN '+1555' || lpad(s.person::text, 7, '0')
  WHEN 'push' THEN 'device:' || md5(s.person::text)
  WHEN 'chat' THEN ${pick('slack', 's.person')}
  ELSE 'https://hooks.partner' || (s.person % 40) || '.example.com/notify' END`;

const SUBJECT = `CASE s.key
  WHEN 'order-shipped' THEN format('Your order %s has shipped', ${order})
  WHEN 'password-reset' THEN 'Reset your password'
  WHEN 'welcome' THEN format('Welcome to Acme, %s!', initcap(${first}))
  WHEN 'invoice-due' THEN format('Invoice %s is due on %s', ${invoice}, initcap(${weekday}))
  WHEN 'security-alert' THEN format('New sign-in from %s', ${city})
  ELSE format('Your weekly digest: %s updates', 3 + s.r % 17) END`;

const BODY = `CASE s.key
  WHEN 'order-shipped' THEN format('Hi %s, good news: your order %s (%s) left our warehouse in %s and arrives on %s. Track it in the app.', initcap(${first}), ${order}, ${product}, ${city}, initcap(${weekday}))
  WHEN 'password-reset' THEN format('Hi %s, someone asked to reset the password of your account. The link expires in 30 minutes. If it was not you, ignore this message.', initcap(${first}))
  WHEN 'welcome' THEN format('Welcome aboard, %s %s! Your workspace in %s is ready: invite your team and connect your first integration.', initcap(${first}), initcap(${last}), ${city})
  WHEN 'invoice-due' THEN format('Hi %s, invoice %s for %s EUR is due on %s. Pay by card or bank transfer from your billing page.', initcap(${first}), ${invoice}, 20 + s.r % 980, initcap(${weekday}))
  WHEN 'security-alert' THEN format('We noticed a new sign-in to your account from %s using %s. If this was you, no action is needed; otherwise reset your password now.', ${city}, ${device})
  ELSE format('This week: your %s got %s new reviews, a meetup was announced in %s, and three tips to get more from your account.', ${product}, 1 + s.r % 40, ${city})
    || CASE WHEN s.created_at BETWEEN $1::timestamptz - interval '25 days' AND $1::timestamptz - interval '20 days'
            THEN ' Black Friday: thirty percent off everything.' ELSE '' END END`;

// In flight in the last 10 minutes; a few retrying over the last 6 hours; else final, failing at the channel's rate.
const STATUS = `CASE
  WHEN s.created_at > $1::timestamptz - interval '10 minutes' AND s.rs < 0.2 THEN 'queued'
  WHEN s.created_at > $1::timestamptz - interval '10 minutes' AND s.rs < 0.3 THEN 'sending'
  WHEN s.created_at > $1::timestamptz - interval '10 minutes' AND s.rs < 0.4 THEN 'retrying'
  WHEN s.created_at > $1::timestamptz - interval '6 hours' AND s.rs < 0.01 THEN 'retrying'
  WHEN s.rf < s.fail THEN CASE WHEN s.ctype = 'email' AND s.rk < 0.3 THEN 'bounced'
                               WHEN s.rk < 0.6 THEN 'failed' ELSE 'dead' END
  WHEN s.ctype IN ('email', 'sms') AND s.rk < 0.7 THEN 'delivered'
  ELSE 'sent' END`;

/** $1 = end, $2 = runs, $3 = messages. */
export const SEED_MESSAGES = `
  INSERT INTO messages (run_id, workflow_id, channel_id, step_index, recipient, subject, body, html, status,
    idempotency_key, provider_message_id, attempt_count, claimed_by, next_attempt_at, last_error, sent_at,
    created_at, updated_at)
  SELECT run_id, workflow_id, channel_id, step, recipient, subject, body,
         CASE WHEN ctype = 'email' THEN '<!doctype html><html><body style="font-family:sans-serif"><h1>' || subject
           || '</h1><p>' || body || '</p><p style="color:#888">Acme Inc. · 1 Example Street · Unsubscribe</p></body></html>' END,
         (CASE WHEN st = 'sending' THEN 'queued' ELSE st END)::message_status,
         'seed:' || i,
         CASE WHEN st IN ('sent', 'delivered', 'bounced') THEN 'pm-' || i END,
         CASE st WHEN 'dead' THEN 5 WHEN 'failed' THEN 1 WHEN 'retrying' THEN 1 + (i % 3)
                 WHEN 'queued' THEN 0 WHEN 'sending' THEN 0 ELSE 1 + (retried::int) END,
         CASE WHEN st = 'sending' THEN 'seed-worker' END,
         CASE WHEN st = 'retrying' THEN created_at + interval '2 minutes' END,
         CASE st WHEN 'failed' THEN '400: invalid recipient address'
                 WHEN 'dead' THEN '503: service unavailable (gave up after 5 attempts)'
                 WHEN 'bounced' THEN 'bounced: mailbox does not exist'
                 WHEN 'retrying' THEN '429: too many requests' END,
         sent_at, created_at, coalesce(sent_at, created_at)
  FROM (
    SELECT s.*, ${STATUS} AS st, ${RECIPIENT} AS recipient, ${SUBJECT} AS subject0, ${BODY} AS body
    FROM (
      SELECT i, sr.r, sr.run_id, sr.workflow_id, sr.key, sr.person, c.id AS channel_id, c.type::text AS ctype,
             c.fail, (i % 3)::int AS step, x.rs, x.rf, x.rk, x.rt, x.rr < 0.1 AS retried,
             date_trunc('milliseconds', sr.at + make_interval(secs => (4 + (i % 3) * 3) / 1000.0)) AS created_at,
             sr.latency_ms + (x.rr * 40)::int AS latency_ms
      FROM (SELECT i, random() AS rc, random() AS rs, random() AS rf, random() AS rk, random() AS rt,
                   random() AS rr
            FROM generate_series(1, $3::int) i OFFSET 0) x
      JOIN seed_runs sr ON sr.r = 1 + ((x.i - 1)::bigint * $2::int / $3::int)::int
      JOIN seed_channels c ON x.rc >= c.lo AND x.rc < c.hi
    ) s
  ) t
  CROSS JOIN LATERAL (SELECT
    CASE WHEN t.ctype IN ('email', 'push') THEN t.subject0 END AS subject,
    CASE WHEN t.st IN ('sent', 'delivered', 'bounced')
      THEN date_trunc('milliseconds', t.created_at + make_interval(secs => (t.latency_ms
        + CASE WHEN t.retried THEN 30000 ELSE 0 END) / 1000.0)) END AS sent_at) l`;

/** Attempts (the last one decides) and the providers' delivered/bounced events, from the messages just written. */
export const SEED_ATTEMPTS = `
  INSERT INTO message_attempts (message_id, attempt, kind, outcome, response_code, error, duration_ms, started_at)
  SELECT m.id, g.a, 'attempt',
         CASE WHEN g.a = m.attempt_count AND m.status IN ('sent', 'delivered', 'bounced') THEN 'success'
              WHEN g.a = m.attempt_count AND m.status IN ('failed', 'dead') THEN 'permanent_error'
              ELSE 'retryable_error' END,
         CASE WHEN g.a = m.attempt_count AND m.status IN ('sent', 'delivered', 'bounced') THEN 202
              WHEN m.status = 'failed' THEN 400 WHEN m.status = 'retrying' THEN 429 ELSE 503 END,
         CASE WHEN g.a = m.attempt_count AND m.status IN ('sent', 'delivered', 'bounced') THEN NULL
              ELSE m.last_error END,
         20 + (hashint4(g.a) & 255),
         m.created_at + (g.a - 1) * interval '30 seconds'
  FROM messages m CROSS JOIN LATERAL generate_series(1, m.attempt_count) AS g(a);
  INSERT INTO message_attempts (message_id, attempt, kind, outcome, error, started_at)
  SELECT id, attempt_count, 'event', status::text,
         CASE WHEN status = 'bounced' THEN last_error END, sent_at + interval '2 seconds'
  FROM messages WHERE status IN ('delivered', 'bounced');`;
