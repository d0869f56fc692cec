// Helpers every router uses (ours and the ones other parts plug in through `extraRouters`):
// - defineRoute(router, spec, handler): validates params/query/body with zod, checks the role, documents the
//   route for /api/v1/openapi.json, and sends the handler's return value as JSON.
// - validate({params, query, body}) + validated(res) and requireRole(role): the same checks as plain middleware.
// - problem(res, ...) / HttpProblem: RFC 9457 errors.
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import type { Role } from '../store/model';
import { HttpProblem, validationProblem, type FieldError } from './problem';

export {
  HttpProblem,
  problem,
  notFound,
  validationProblem,
  syncRunningProblem,
  PROBLEM_TYPES,
} from './problem';
export type { FieldError, ProblemBody } from './problem';

export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
}

// An event-ingest token ranks below auditor: it passes no read or write route, only the event route's own check.
const ROLE_RANK: Record<Role, number> = { 'event-ingest': 0, auditor: 1, admin: 2 };

export function hasRole(principal: Principal | undefined, minimum: Role): boolean {
  return principal !== undefined && ROLE_RANK[principal.role] >= ROLE_RANK[minimum];
}

/** The authenticated caller; set by the app's auth middleware before any router runs. */
export function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal) throw new HttpProblem(401, 'Unauthorized', 'A bearer token is required.');
  return principal;
}

/** Audit-log actor string for the caller: never the token itself. */
export function actorOf(principal: Principal): string {
  return `token:${principal.name} (${principal.tokenId})`;
}

export function requireRole(minimum: Role): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    const principal = res.locals.principal as Principal | undefined;
    if (!principal) return next(new HttpProblem(401, 'Unauthorized', 'A bearer token is required.'));
    if (!hasRole(principal, minimum)) {
      return next(
        new HttpProblem(
          403,
          'Forbidden',
          `This action needs the ${minimum} role; your token has ${principal.role}.`,
        ),
      );
    }
    next();
  };
}

export function zodIssuesToFieldErrors(where: string, error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

export interface RequestSchemas {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
}

export interface ValidatedInput {
  params: unknown;
  query: unknown;
  body: unknown;
}

const NUL = '\u0000';
/** Enough to show what is wrong without answering a huge body with a huge list. */
const MAX_NUL_ERRORS = 20;

interface InputNode {
  value: unknown;
  segment: string;
  parent: InputNode | null;
}

function pathOf(node: InputNode): string {
  const segments: string[] = [];
  for (let at: InputNode | null = node; at; at = at.parent)
    segments.push(at.segment.replaceAll(NUL, '\\u0000'));
  return segments.reverse().join('.');
}

/**
 * Every string (value or object key) holding a NUL character, which PostgreSQL cannot store in text: refused
 * here for every route rather than failing as a 500 in the store. Iterative, with paths built only for errors,
 * so a deeply nested body costs time in proportion to its size and cannot overflow the stack.
 */
function nulCharacterErrors(input: { params: unknown; query: unknown; body: unknown }): FieldError[] {
  const errors: FieldError[] = [];
  const stack: InputNode[] = (['body', 'query', 'params'] as const).map((where) => ({
    value: input[where],
    segment: where,
    parent: null,
  }));
  while (stack.length > 0 && errors.length < MAX_NUL_ERRORS) {
    const node = stack.pop()!;
    const { value } = node;
    if (typeof value === 'string') {
      if (value.includes(NUL))
        errors.push({ path: pathOf(node), message: 'must not contain a NUL character (\\u0000)' });
    } else if (typeof value === 'object' && value !== null) {
      const entries = Array.isArray(value)
        ? value.map((item, index) => [String(index), item] as const)
        : Object.entries(value);
      for (let index = entries.length - 1; index >= 0; index -= 1) {
        const [key, item] = entries[index];
        const child = { value: item, segment: key, parent: node };
        if (key.includes(NUL))
          errors.push({ path: pathOf(child), message: 'names must not contain a NUL character (\\u0000)' });
        stack.push(child);
      }
    }
  }
  return errors.slice(0, MAX_NUL_ERRORS);
}

/**
 * The query parameters a route takes, from its query schema (a `z.object`); none without one. Anything else is
 * refused: a misspelt filter (`alerts?accountId=`) must not silently answer the unfiltered list.
 */
function queryParameterNames(schema: z.ZodType | undefined): Set<string> {
  if (schema === undefined) return new Set();
  if (!(schema instanceof z.ZodObject))
    throw new Error('a query schema must be a z.object, so that unknown query parameters can be refused');
  return new Set(Object.keys(schema.shape));
}

function unknownQueryErrors(known: Set<string>, query: unknown): FieldError[] {
  const takes = known.size ? `this route takes ${[...known].join(', ')}` : 'this route takes none';
  return Object.keys((query ?? {}) as Record<string, unknown>)
    .filter((name) => !known.has(name))
    .map((name) => ({
      path: `query.${name.replaceAll(NUL, '\\u0000')}`,
      message: `unknown query parameter; ${takes}`,
    }));
}

/**
 * Parses params, query and body; on failure responds 400 with every field error at once. Before the schemas,
 * refuses NUL characters anywhere in the input and query parameters the query schema does not name.
 * Express 5's `req.query` is read-only, so parsed values live in `res.locals.valid` (see `validated`).
 */
export function validate(schemas: RequestSchemas): RequestHandler {
  const knownQuery = queryParameterNames(schemas.query);
  return (req: Request, res: Response, next: NextFunction) => {
    const output: ValidatedInput = { params: req.params, query: req.query, body: req.body };
    const inputErrors = [...nulCharacterErrors(output), ...unknownQueryErrors(knownQuery, req.query)];
    if (inputErrors.length > 0) return next(validationProblem(inputErrors));
    const errors: FieldError[] = [];
    for (const where of ['params', 'query', 'body'] as const) {
      const schema = schemas[where];
      if (!schema) continue;
      if (
        where === 'body' &&
        req.body === undefined &&
        req.headers['content-length'] &&
        !req.is('application/json')
      ) {
        return next(new HttpProblem(415, 'Unsupported Media Type', 'Send the body as application/json.'));
      }
      const parsed = schema.safeParse(where === 'body' ? (req.body ?? {}) : req[where]);
      if (parsed.success) output[where] = parsed.data;
      else errors.push(...zodIssuesToFieldErrors(where, parsed.error));
    }
    if (errors.length > 0) return next(validationProblem(errors));
    res.locals.valid = output;
    next();
  };
}

export function validated<P = unknown, Q = unknown, B = unknown>(
  res: Response,
): { params: P; query: Q; body: B } {
  return res.locals.valid as { params: P; query: Q; body: B };
}

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: HttpMethod;
  /** Express path relative to where the router is mounted, e.g. `/:id/sync`. */
  path: string;
  summary: string;
  description?: string;
  tags?: string[];
  /** Least role that may call the route. Default `auditor` (any valid token). */
  role?: Role;
  params?: P;
  query?: Q;
  body?: B;
  /** Schema of the success body (documentation only). */
  response?: z.ZodType;
  /** Media types other than JSON the success body may have (a CSV or zip download), for the documentation. */
  otherMediaTypes?: Record<string, 'text' | 'binary'>;
  /** Default 200; 201/202 for creation and queued work; 204 when the handler returns nothing. */
  successStatus?: number;
  /** Problem statuses worth documenting beyond the ones every route can return (400, 401, 403). */
  problems?: number[];
}

export interface RouteDoc {
  method: HttpMethod;
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  role: Role | 'public';
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  otherMediaTypes?: Record<string, 'text' | 'binary'>;
  successStatus: number;
  problems: number[];
}

const ROUTE_DOCS = new WeakMap<Router, RouteDoc[]>();

/** Routes declared on a router with defineRoute (or documentRoute), for the OpenAPI document. */
export function routeDocs(router: Router): RouteDoc[] {
  return ROUTE_DOCS.get(router) ?? [];
}

/** Documents a route declared by hand (plain Express handlers) so it still appears in the OpenAPI document. */
export function documentRoute(
  router: Router,
  doc: Omit<RouteDoc, 'tags' | 'problems' | 'successStatus'> & Partial<RouteDoc>,
): void {
  const docs = ROUTE_DOCS.get(router) ?? [];
  docs.push({ tags: [], problems: [], successStatus: 200, ...doc });
  ROUTE_DOCS.set(router, docs);
}

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  principal: Principal;
  req: Request;
  res: Response;
}

/**
 * Declares a validated, role-checked, documented route. The handler's return value is sent as JSON with
 * `successStatus`; returning `undefined` sends 204 unless the handler already responded.
 */
export function defineRoute<
  P extends z.ZodType = z.ZodType<Record<string, string>>,
  Q extends z.ZodType = z.ZodType<unknown>,
  B extends z.ZodType = z.ZodType<unknown>,
>(
  router: Router,
  spec: RouteSpec<P, Q, B>,
  handler: (input: RouteInput<z.output<P>, z.output<Q>, z.output<B>>) => unknown,
): void {
  const role = spec.role ?? 'auditor';
  documentRoute(router, {
    method: spec.method,
    path: spec.path,
    summary: spec.summary,
    description: spec.description,
    tags: spec.tags ?? [],
    role,
    params: spec.params,
    query: spec.query,
    body: spec.body,
    response: spec.response,
    otherMediaTypes: spec.otherMediaTypes,
    successStatus: spec.successStatus ?? 200,
    problems: spec.problems ?? [],
  });
  router[spec.method](
    spec.path,
    requireRole(role),
    validate({ params: spec.params, query: spec.query, body: spec.body }),
    async (req: Request, res: Response) => {
      const input = validated<z.output<P>, z.output<Q>, z.output<B>>(res);
      const result = await handler({ ...input, principal: principalOf(res), req, res });
      if (res.headersSent) return;
      if (result === undefined) res.status(204).end();
      else res.status(spec.successStatus ?? 200).json(result);
    },
  );
}

// Shared schema pieces.

export const pageQuery = z.object({
  cursor: z
    .string()
    .max(1000)
    .regex(/^[A-Za-z0-9_\-+/=.:]*$/, 'cursor must be the opaque value returned as nextCursor')
    .optional()
    .describe('Opaque cursor from the previous page'),
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('Page size, 1..500'),
});

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const idParams = z.object({ id: z.string().min(1).max(200) });

/** `?x=a,b` or `?x=a&x=b` -> ['a', 'b'] validated against `values`. */
export function listOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(
    (value) =>
      (Array.isArray(value) ? value : [value])
        .flatMap((part) => (typeof part === 'string' ? part.split(',') : [part]))
        .map((part) => (typeof part === 'string' ? part.trim() : part))
        .filter((part) => part !== ''),
    z.array(z.enum(values)).min(1),
  );
}

/** `true`/`false` in a query string. */
export const queryBoolean = z.enum(['true', 'false']).transform((value) => value === 'true');
