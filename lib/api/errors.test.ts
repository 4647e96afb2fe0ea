import { describe, expect, it } from 'vitest';
import { getProvider } from '../channels/registry';
import { AppError } from '../errors';
import { toProblem } from './errors';

describe('domain errors and their HTTP mapping', () => {
  it('core code names fields relative to its input, with no HTTP status', () => {
    let thrown: unknown;
    try {
      getProvider('no-such-provider');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ code: 'invalid', errors: [{ path: 'provider' }] });
    expect(thrown).not.toHaveProperty('status');
  });

  it('the route wrapper puts field paths under the input root and maps the code to a status', () => {
    const error = new AppError('invalid', 'config.url: must be https', [
      { path: 'config.url', message: 'x' },
    ]);
    const { problem } = toProblem(error, 'req-1', 'body');
    expect(problem).toMatchObject({
      status: 422,
      errors: [{ path: 'body.config.url' }],
      request_id: 'req-1',
    });
    expect(problem.type).toBe('https://switchboard.dev/problems/invalid');
    const already = new AppError('invalid', 'x', [{ path: 'query.limit', message: 'x' }]);
    expect(toProblem(already, undefined, 'body').problem.errors).toEqual([
      { path: 'query.limit', message: 'x' },
    ]);
  });

  it('anything that is not an AppError is a generic 500 that leaks nothing', () => {
    const { problem } = toProblem(new Error('password=hunter2 at /srv/app.js:12'));
    expect(problem).toMatchObject({ status: 500, title: 'Internal server error' });
    expect(JSON.stringify(problem)).not.toContain('hunter2');
  });
});
