// The alert filters of GET /alerts, shared by the list and the export so an export is exactly the list the user
// is looking at: one query schema and one translation into the store's AlertFilter.
import { z } from 'zod';
import { SEVERITIES, type Severity } from '../../store/model';
import type { AlertFilter } from '../../store/store';
import type { ResolveControlIds } from '../context';
import { HttpProblem, listOf, queryBoolean, validationProblem } from '../http';

const shortText = z.string().trim().min(1).max(200);

export const alertFilterQuery = z.object({
  status: listOf(['open', 'resolved', 'suppressed']).optional().describe('Comma-separated or repeated'),
  severity: listOf(SEVERITIES as [Severity, ...Severity[]])
    .optional()
    .describe('Comma-separated or repeated'),
  control: shortText.optional().describe('Control id'),
  account: shortText.optional().describe('Cloudward account id'),
  asset: z
    .string()
    .trim()
    .min(1)
    .max(2048)
    .optional()
    .describe("The asset's id (with `account` for one asset)"),
  region: shortText.optional(),
  resourceType: shortText.optional(),
  exposed: queryBoolean.optional(),
  framework: shortText.optional().describe('Framework id; limits alerts to its controls'),
  requirement: shortText.optional().describe('Requirement id within `framework`'),
  sort: z.enum(['rank', 'severity', 'lastSeen', 'firstSeen']).optional(),
});
export type AlertFilterQuery = z.output<typeof alertFilterQuery>;

/**
 * The store filter for a query; framework/requirement resolve to control ids. Null when the filters can match
 * nothing (a control outside the framework), so callers answer an empty list without asking the store.
 */
export async function alertFilterFromQuery(
  resolveControlIds: ResolveControlIds | undefined,
  query: AlertFilterQuery,
): Promise<AlertFilter | null> {
  const filter: AlertFilter = {
    status: query.status,
    severity: query.severity,
    accountId: query.account,
    assetId: query.asset,
    region: query.region,
    resourceType: query.resourceType,
    exposed: query.exposed,
    sort: query.sort,
  };
  let controlIds: string[] | undefined = query.control ? [query.control] : undefined;
  if (query.requirement !== undefined && query.framework === undefined) {
    throw validationProblem([{ path: 'query.requirement', message: 'requirement needs framework' }]);
  }
  if (query.framework !== undefined) {
    if (!resolveControlIds)
      throw new HttpProblem(400, 'Bad Request', 'Framework filters are not available on this server.');
    const resolved = await resolveControlIds(query.framework, query.requirement);
    if (resolved === null) {
      const field = query.requirement !== undefined ? 'requirement' : 'framework';
      throw validationProblem([{ path: `query.${field}`, message: `unknown ${field} "${query[field]}"` }]);
    }
    controlIds = controlIds ? controlIds.filter((id) => resolved.includes(id)) : resolved;
  }
  if (controlIds !== undefined) {
    if (controlIds.length === 0) return null;
    filter.controlIds = controlIds;
  }
  return filter;
}
