// Bearer tokens: `cw_` + 32 random bytes (base64url). Only SHA-256 hashes are stored, so a database leak
// does not leak usable tokens; a plain hash is enough because the tokens themselves are high-entropy.
import { createHash, randomBytes } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Store } from '../store/store';
import type { ApiToken } from '../store/model';
import { HttpProblem, type Principal } from './http';

export const TOKEN_PREFIX = 'cw_';
const MIN_ENV_TOKEN_LENGTH = 20;

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function unauthorized(detail: string): HttpProblem {
  return new HttpProblem(401, 'Unauthorized', detail);
}

/** Resolves the bearer token to a principal in `res.locals.principal`, or fails with a 401 problem. */
export function authenticate(store: Store): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization');
    if (!header) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      return next(unauthorized('Send Authorization: Bearer <token>.'));
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      res.setHeader('WWW-Authenticate', 'Bearer error="invalid_request"');
      return next(unauthorized('The Authorization header must be "Bearer <token>".'));
    }
    const token = await store.findTokenByHash(hashToken(match[1]));
    if (!token || token.revokedAt !== null) {
      res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      return next(unauthorized('The token is unknown or revoked.'));
    }
    const principal: Principal = { tokenId: token.id, name: token.name, role: token.role };
    res.locals.principal = principal;
    next();
  };
}

export interface AdminTokenOutcome {
  /** The new secret, to print once; null when nothing was created. */
  createdToken: string | null;
  source: 'generated' | 'env' | 'existing';
  token?: ApiToken;
}

/**
 * First start: when no token exists, create an admin token (printed once by the caller).
 * CLOUDWARD_ADMIN_TOKEN instead registers the given value (if its hash is not stored yet), for automation.
 */
export async function ensureAdminToken(
  store: Store,
  envToken: string | undefined,
): Promise<AdminTokenOutcome> {
  if (envToken !== undefined && envToken !== '') {
    if (envToken.length < MIN_ENV_TOKEN_LENGTH || /\s/.test(envToken)) {
      throw new Error(
        `CLOUDWARD_ADMIN_TOKEN must be at least ${MIN_ENV_TOKEN_LENGTH} characters with no spaces`,
      );
    }
    const hash = hashToken(envToken);
    // A revoked env token stays revoked: finding it (revoked or not) means it was registered before.
    if (await store.findTokenByHash(hash)) return { createdToken: null, source: 'existing' };
    const token = await store.createToken({
      name: 'admin (CLOUDWARD_ADMIN_TOKEN)',
      role: 'admin',
      tokenHash: hash,
    });
    await store.appendAudit({
      actor: 'system',
      action: 'token.create',
      targetType: 'token',
      targetId: token.id,
      details: { name: token.name, role: 'admin', source: 'env' },
    });
    return { createdToken: null, source: 'env', token };
  }
  if ((await store.countTokens()) > 0) return { createdToken: null, source: 'existing' };
  const secret = generateToken();
  const token = await store.createToken({
    name: 'initial admin',
    role: 'admin',
    tokenHash: hashToken(secret),
  });
  await store.appendAudit({
    actor: 'system',
    action: 'token.create',
    targetType: 'token',
    targetId: token.id,
    details: { name: token.name, role: 'admin', source: 'first-start' },
  });
  return { createdToken: secret, source: 'generated', token };
}
