// OpenAPI 3.1 document generated from the same zod schemas that validate requests.
import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import type { RouteDoc } from './http';

type JsonSchema = Record<string, unknown>;

export interface MountedRouteDoc extends RouteDoc {
  /** Full Express path, e.g. `/api/v1/accounts/:id`. */
  fullPath: string;
}

const PROBLEM_TITLES: Record<number, string> = {
  400: 'Invalid request (field errors in `errors`)',
  401: 'Missing or invalid bearer token',
  403: 'The token role may not do this',
  404: 'Not found',
  409: 'Conflict with the current state',
  413: 'Body too large',
  415: 'Body is not JSON',
  423: 'The account is disabled',
  502: 'An upstream service failed',
  503: 'A dependency the route needs is not configured or not reachable',
};

/** The description of `components/responses/Problem<status>`; a status HTTP does not define is a bug in a route. */
function problemDescription(status: number): string {
  const description = PROBLEM_TITLES[status] ?? STATUS_CODES[status];
  if (!description || status < 400 || status > 599)
    throw new Error(`OpenAPI: route documents problem status ${status}, which is not an HTTP error status`);
  return description;
}

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return json;
}

/** Express `/:id/sync` -> OpenAPI `/{id}/sync`. */
export function toOpenApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function parameters(doc: MountedRouteDoc): JsonSchema[] {
  const result: JsonSchema[] = [];
  for (const where of ['params', 'query'] as const) {
    const schema = doc[where];
    if (!schema) continue;
    const json = toJsonSchema(schema, 'input');
    const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((json.required ?? []) as string[]);
    for (const [name, property] of Object.entries(properties)) {
      const { description, ...propertySchema } = property;
      result.push({
        name,
        in: where === 'params' ? 'path' : 'query',
        required: where === 'params' ? true : required.has(name),
        ...(description ? { description } : {}),
        schema: propertySchema,
      });
    }
  }
  // Path parameters the schema did not describe still have to be declared.
  for (const match of doc.fullPath.matchAll(/:([A-Za-z0-9_]+)/g)) {
    if (!result.some((parameter) => parameter.in === 'path' && parameter.name === match[1])) {
      result.push({ name: match[1], in: 'path', required: true, schema: { type: 'string' } });
    }
  }
  return result;
}

export function buildOpenApiDocument(routes: MountedRouteDoc[], info: { version: string }): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  // Every Problem<status> an operation points at gets its component, so no $ref dangles.
  const referencedProblems = new Set<number>();
  for (const doc of routes) {
    const path = toOpenApiPath(doc.fullPath);
    const responses: Record<string, unknown> = {};
    const success = String(doc.successStatus);
    const content: Record<string, unknown> = {};
    if (doc.response) content['application/json'] = { schema: toJsonSchema(doc.response, 'output') };
    for (const [mediaType, kind] of Object.entries(doc.otherMediaTypes ?? {}))
      content[mediaType] = kind === 'text' ? { schema: { type: 'string' } } : {};
    responses[success] = {
      description: doc.successStatus === 204 ? 'No content' : 'Success',
      ...(Object.keys(content).length ? { content } : {}),
    };
    const problemStatuses = new Set<number>(
      doc.role === 'public' ? doc.problems : [400, 401, 403, ...doc.problems],
    );
    if (doc.body) problemStatuses.add(413).add(415);
    for (const status of [...problemStatuses].sort((a, b) => a - b)) {
      referencedProblems.add(status);
      responses[String(status)] = { $ref: `#/components/responses/Problem${status}` };
    }
    const operation: Record<string, unknown> = {
      operationId: `${doc.method}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      summary: doc.summary,
      ...(doc.description ? { description: doc.description } : {}),
      tags: doc.tags,
      parameters: parameters(doc),
      responses,
      security: doc.role === 'public' ? [] : [{ bearerAuth: [] }],
      'x-minimum-role': doc.role,
    };
    if (doc.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: toJsonSchema(doc.body, 'input') } },
      };
    }
    paths[path] ??= {};
    paths[path][doc.method] = operation;
  }
  const problemResponses = Object.fromEntries(
    [...referencedProblems]
      .sort((a, b) => a - b)
      .map((status) => [
        `Problem${status}`,
        {
          description: problemDescription(status),
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
      ]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Cloudward API',
      version: info.version,
      description:
        'Cloud security posture for AWS. Every route except /api/v1/health needs `Authorization: Bearer <token>`.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'Cloudward API token (cw_...)' },
      },
      schemas: {
        Problem: {
          type: 'object',
          description: 'RFC 9457 problem details',
          required: ['type', 'title', 'status'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            requestId: {
              type: 'string',
              description: 'The X-Request-Id of the request, as in the server log',
            },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                required: ['path', 'message'],
                properties: { path: { type: 'string' }, message: { type: 'string' } },
              },
            },
          },
        },
      },
      responses: problemResponses,
    },
  };
}
