import { describe, expect, it } from 'vitest';
import {
  assertLoginAllowed,
  LoginBlockedError,
  recordLoginFailure,
  recordLoginSuccess,
} from '../lib/auth/login-limiter';
import { uniq } from './support/factories';

describe('failed sign-in limits', () => {
  it('blocks an account after 5 failures, across addresses, and a success resets it', async () => {
    const email = `target-${uniq()}@example.test`;
    for (let i = 0; i < 4; i++) await recordLoginFailure(email, `10.0.0.${i}`);
    await expect(assertLoginAllowed(email, '10.9.9.9')).resolves.toBeUndefined();
    await recordLoginSuccess(email);
    for (let i = 0; i < 5; i++) await recordLoginFailure(email, `10.0.1.${i}`);
    await expect(assertLoginAllowed(email, '10.9.9.9')).rejects.toThrow(LoginBlockedError);
    await expect(assertLoginAllowed(email, '10.9.9.9')).rejects.toThrow(/Try again in 15 minutes/);
    await expect(assertLoginAllowed(`other-${uniq()}@example.test`, '10.9.9.9')).resolves.toBeUndefined();
  });

  it('blocks an address after 20 failures across accounts', async () => {
    const ip = `192.0.2.${Math.floor(Math.random() * 250)}-${uniq()}`;
    for (let i = 0; i < 20; i++) await recordLoginFailure(`spray-${i}-${uniq()}@example.test`, ip);
    await expect(assertLoginAllowed(`fresh-${uniq()}@example.test`, ip)).rejects.toThrow(LoginBlockedError);
    await expect(assertLoginAllowed(`fresh-${uniq()}@example.test`, '198.51.100.7')).resolves.toBeUndefined();
  });
});
