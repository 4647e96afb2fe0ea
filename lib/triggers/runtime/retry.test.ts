import { describe, expect, it } from 'vitest';
import { notStoredReport } from './retry';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('notStoredReport', () => {
  it('calls a lost connection or a server shutting down an outage', () => {
    expect(notStoredReport(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')).lastError).toBe(
      'database unavailable, retrying: connect ECONNREFUSED 127.0.0.1:5432',
    );
    expect(notStoredReport(withCode('terminating connection', '57P01')).lastError).toMatch(
      /^database unavailable/,
    );
  });

  it('names a refusal or a bug as what it is, not as the database being down', () => {
    const refused = notStoredReport(withCode('value too long for type character varying(200)', '22001'));
    expect(refused).toEqual({
      state: 'paused',
      lastError:
        'batch could not be stored (not an outage; will not pass by itself), retrying: value too long for type character varying(200)',
    });
    const bug = notStoredReport(new TypeError("Cannot read properties of undefined (reading 'id')"));
    expect(bug.lastError).toMatch(/^batch could not be stored \(not an outage/);
  });
});
