import { describe, expect, it } from 'vitest';
import { splitRecipients } from './send';

describe('splitRecipients', () => {
  it('splits a plain list on commas, semicolons and lines, once each', () => {
    expect(splitRecipients('a@x.test, b@x.test;c@x.test\nA@x.test\n, a@x.test')).toEqual([
      'a@x.test',
      'b@x.test',
      'c@x.test',
      'A@x.test',
    ]);
  });

  it('keeps a Web Push subscription (a JSON object with commas) as one recipient', () => {
    const subscription = { endpoint: 'https://push.example/abc', keys: { p256dh: 'k1', auth: 'k2' } };
    expect(splitRecipients(` ${JSON.stringify(subscription, null, 2)} `)).toEqual([
      JSON.stringify(subscription),
    ]);
  });

  it('makes one recipient per element of a JSON array', () => {
    const sub = { endpoint: 'https://push.example/1', keys: { p256dh: 'p', auth: 'a' } };
    expect(splitRecipients(JSON.stringify(['token-1', sub, 'token-1']))).toEqual([
      'token-1',
      JSON.stringify(sub),
    ]);
  });

  it('splits text that only looks like JSON as a list', () => {
    expect(splitRecipients('[ops], {team}')).toEqual(['[ops]', '{team}']);
  });
});
