import { randomUUID } from 'node:crypto';
import { getToken } from 'next-auth/jwt';
import { z } from 'zod';
import { authenticateApiKey } from '../api-keys/service';
import { sessionSecret } from '../auth/session-secret';
import { env } from '../env';
import { logger } from '../logger';
import { observeHttpRequest } from '../metrics/http';
import { redactApiKeys } from '../security/redact';
import { crossSiteReason } from '../security/same-origin';
import { findUserById } from '../users/service';
import { sessionRevoked } from '../users/sessions';
import { AppError, problemResponse, validationError } from './errors';
import { readParams, refuseDeepJson, refuseUnstorable } from './input-guards';
import { type Access, canAccess, describePrincipal, type Principal } from './principal';
import { routeTemplate } from './route-template';

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

type Schema = z.ZodType | undefined;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface ApiContext<B, Q, P> {
  req: Request;
  body: B;
  query: Q;
  params: P;
  principal: Principal | null;
  requestId: string;
}

export interface ApiOptions<B extends Schema, Q extends Schema, P extends Schema> {
  /** Who may call the route; `public` skips authentication (signed webhooks, the OpenAPI document). */
  access: Access | 'public';
  body?: B;
  query?: Q;
  params?: P;
  maxBodyBytes?: number;
  /**
   * `keep`: the route itself records a body string PostgreSQL cannot store (events are kept as invalid);
   * by default such a string is refused with a 422 naming the field.
   */
  unstorableBody?: 'refuse' | 'keep';
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * The one wrapper every `/api/v1` route goes through: request id, authentication (session cookie or
 * `Authorization: Bearer <api key>`), access check, zod parsing of params, query and body, and RFC 9457
 * problem+json for every error. Handlers return a Response (see `json()`).
 */
export function withApi<
  B extends Schema = undefined,
  Q extends Schema = undefined,
  P extends Schema = undefined,
>(options: ApiOptions<B, Q, P>, handler: (ctx: ApiContext<Out<B>, Out<Q>, Out<P>>) => Promise<Response>) {
  return async (req: Request, route?: RouteContext): Promise<Response> => {
    const requestId = requestIdFrom(req);
    const started = performance.now();
    let response: Response;
    try {
      const principal = options.access === 'public' ? null : await authenticate(req);
      if (options.access !== 'public') {
        if (!principal)
          throw new AppError(
            'unauthorized',
            'authentication required: sign in or send Authorization: Bearer <api key>',
            [],
            { 'www-authenticate': 'Bearer' },
          );
        // A session cookie rides along with requests other sites make a browser send (CSRF).
        const crossSite = principal.kind === 'user' ? crossSiteReason(req, publicUrls()) : undefined;
        if (crossSite)
          throw new AppError(
            'forbidden',
            `cross-site request refused: ${crossSite}; changes with a session must come from the console itself`,
          );
        if (!canAccess(principal, options.access)) {
          throw new AppError(
            'forbidden',
            `${describePrincipal(principal)} may not do this (requires ${options.access} access)`,
          );
        }
      }
      const rawParams = await readParams(route);
      refuseUnstorable(rawParams, 'params');
      const params = parse(options.params, rawParams, 'params');
      const rawQuery = Object.fromEntries(new URL(req.url).searchParams);
      if (options.query) refuseUnstorable(rawQuery, 'query');
      const query = options.query ? parse(options.query, rawQuery, 'query') : undefined;
      const rawBody = options.body ? await readJson(req, options.maxBodyBytes) : undefined;
      if (options.body && options.unstorableBody !== 'keep') refuseUnstorable(rawBody, 'body');
      const body = options.body ? parse(options.body, rawBody, 'body') : undefined;
      response = await handler({ req, body, query, params, principal, requestId } as ApiContext<
        Out<B>,
        Out<Q>,
        Out<P>
      >);
      response.headers.set('x-request-id', requestId);
    } catch (error) {
      if (!(error instanceof AppError))
        logger.error({ err: error, requestId, url: redactApiKeys(req.url) }, 'unhandled API error');
      response = problemResponse(error, requestId, options.body ? 'body' : undefined);
    }
    const seconds = (performance.now() - started) / 1000;
    const path = new URL(req.url).pathname;
    observeHttpRequest(
      routeTemplate(path, await readParams(route).catch(() => ({}))),
      req.method,
      response.status,
      seconds,
    );
    if (logger.isLevelEnabled('debug')) {
      logger.debug(
        {
          requestId,
          method: req.method,
          path: redactApiKeys(path),
          status: response.status,
          ms: Math.round(seconds * 1000),
        },
        'api request',
      );
    }
    return response;
  };
}

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(data, { status, headers });
}

/** The console's configured public addresses: requests from them are same-origin. */
function publicUrls(): (string | undefined)[] {
  return [env().NEXTAUTH_URL, env().CONSOLE_URL];
}

function requestIdFrom(req: Request): string {
  const given = req.headers.get('x-request-id');
  return given && /^[\w.-]{8,128}$/.test(given) ? given : randomUUID();
}

function parse<S extends Schema>(schema: S, input: unknown, root: string): Out<S> {
  if (!schema) return undefined as Out<S>;
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(result.error, root);
  return result.data as Out<S>;
}

async function readJson(req: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<unknown> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new AppError(
      'unsupported_media_type',
      `expected Content-Type: application/json, got ${type || 'none'}`,
    );
  }
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readLimited(req, maxBytes);
  if (text.trim() === '')
    throw new AppError('malformed', 'request body is empty; expected a JSON document', [
      { path: 'body', message: 'empty body' },
    ]);
  refuseDeepJson(text);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError('malformed', `malformed JSON: ${(error as Error).message}`, [
      { path: 'body', message: 'malformed JSON' },
    ]);
  }
}

/** The raw body (for signature checks), refused with 413 past `maxBytes`. */
export async function readRawBody(req: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<string> {
  if (Number(req.headers.get('content-length') ?? 0) > maxBytes) throw tooLarge(maxBytes);
  return readLimited(req, maxBytes);
}

/** Reads the body but stops at the limit, so a client without Content-Length cannot exhaust memory. */
async function readLimited(req: Request, maxBytes: number): Promise<string> {
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(maxBytes: number): AppError {
  return new AppError('too_large', `request body exceeds ${maxBytes} bytes`);
}

async function authenticate(req: Request): Promise<Principal | null> {
  const authorization = req.headers.get('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const key = match?.[1] ? await authenticateApiKey(match[1]) : undefined;
    if (!key)
      throw new AppError('unauthorized', 'API key is invalid or revoked', [], {
        'www-authenticate': 'Bearer error="invalid_token"',
      });
    return { kind: 'api_key', id: key.id, name: key.name, scope: key.scope };
  }
  const cookies = (req as { cookies?: unknown }).cookies ?? {};
  const token = await getToken({ req: { headers: req.headers, cookies } as never, secret: sessionSecret() });
  if (!token?.sub) return null;
  // The session holds who signed in; the role comes from the database so demotions apply at once.
  const user = await findUserById(token.sub).catch(() => undefined);
  // A disabled user's sessions, and sessions from before a disable or password reset, are refused.
  if (!user || user.disabledAt || sessionRevoked(token.signedInAt, user)) return null;
  return { kind: 'user', id: user.id, email: user.email, role: user.role };
}

export const uuidParams = z.object({ id: z.uuid('must be a UUID') });
