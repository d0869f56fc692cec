// IAM (global): users, groups, roles, policies, instance profiles, root user, password policy, account summary
// and server certificates, from the bulk calls. get.ts reads, authorization.ts / account.ts transform.
import { IAMClient } from '@aws-sdk/client-iam';
import type { CollectContext, CollectorModule } from '../../types';
import { errorCode, errorWithCode } from '../../errors';
import { whereOf } from '../../read';
import { accountSummaryAsset, passwordPolicyAsset, rootUserAsset, serverCertificateAssets } from './account';
import { membershipRelationships, transformAuthorizationPage } from './authorization';
import { type CredentialReportResult, indexByArn, reportUsersNotIn } from './credential-report';
import { identityAssumeRelationships } from './identity-assume';
import { addIdentityAssumePage, emptyIdentityAssumeInput } from './identity-inputs';
import { AUTHORIZATION_TYPES, iamOperations, iamResourceTypes } from './declarations';
import {
  authorizationDetailPages,
  readAccountSummary,
  readCertificateExpirations,
  readCredentialReport,
  readPasswordPolicy,
  readServerCertificates,
  readVirtualMfaDevices,
} from './get';

export interface IamCollectorOptions {
  /** Wait between credential report polls (default 2 s). */
  reportPollDelayMs?: number;
  /** Polls before the report counts as unavailable (default 10). */
  reportMaxPolls?: number;
}

export function createIamCollector(options: IamCollectorOptions = {}): CollectorModule {
  const module: CollectorModule = {
    service: 'iam',
    scope: 'global',
    resourceTypes: iamResourceTypes,
    operations: iamOperations,
    collect: (ctx) => collectIam(ctx, module.service, options),
  };
  return module;
}

export const iamCollector: CollectorModule = createIamCollector();

async function collectIam(ctx: CollectContext, service: string, options: IamCollectorOptions): Promise<void> {
  const client = ctx.client(IAMClient);
  const scope = whereOf(ctx, service);
  const failures: unknown[] = [];

  const credentialReport = await credentialReportResult(ctx, client, options);

  const groupArns = new Map<string, string>();
  const memberships: [string, string][] = [];
  const identityAssume = emptyIdentityAssumeInput();
  const userArns = new Set<string>();
  try {
    for await (const page of authorizationDetailPages(client)) {
      const output = transformAuthorizationPage(page, { scope, partition: ctx.partition, credentialReport });
      for (const [name, arn] of output.groupArns) groupArns.set(name, arn);
      for (const user of page.UserDetailList ?? []) if (user.Arn) userArns.add(user.Arn);
      memberships.push(...output.memberships);
      addIdentityAssumePage(page, identityAssume);
      await ctx.emit({ assets: output.assets, relationships: output.relationships });
    }
    await ctx.emit({
      relationships: [
        ...membershipRelationships(scope, ctx.partition, memberships, groupArns),
        ...identityAssumeRelationships(scope, ctx.partition, identityAssume),
      ],
    });
    // Report rows of users gone since the report was generated make no asset (the list call decides what exists).
    if (!('error' in credentialReport)) {
      const gone = reportUsersNotIn(credentialReport.rowsByArn, userArns).length;
      if (gone > 0)
        ctx.log(`iam: ${gone} credential-report user(s) not in the authorization details, ignored`);
    }
  } catch (error) {
    failures.push(error);
    for (const type of AUTHORIZATION_TYPES) ctx.typeFailed(type, error);
  }

  const summary = await readAccountSummary(client);
  if (!summary.ok) ctx.typeFailed('aws_iam_account_summary', errorWithCode(summary.code));
  const virtualMfa = await readVirtualMfaDevices(client);
  const root = rootUserAsset(scope, ctx.partition, credentialReport, virtualMfa, summary);
  // The root asset is still emitted (its controls then say `error`); the failure is recorded on the sync too.
  const rootFailure =
    'error' in credentialReport
      ? credentialReport.error
      : 'error' in virtualMfa
        ? virtualMfa.error
        : undefined;
  if (rootFailure) ctx.typeFailed('aws_iam_root_user', errorWithCode(rootFailure));

  const passwordPolicy = await readPasswordPolicy(client);
  if (!passwordPolicy.ok) ctx.typeFailed('aws_iam_password_policy', errorWithCode(passwordPolicy.code));
  await ctx.emit({
    assets: [
      root,
      passwordPolicyAsset(scope, ctx.partition, passwordPolicy),
      accountSummaryAsset(scope, ctx.partition, summary),
    ],
  });

  try {
    const certificates = await readServerCertificates(client);
    const { expirations, failures: bodyFailures } = await readCertificateExpirations(client, certificates);
    // The listed Expiration still stands for these; AWS reports the same date from the body.
    if (bodyFailures.length) ctx.log(`iam: certificate body unreadable (${bodyFailures.join(', ')})`);
    await ctx.emit({ assets: serverCertificateAssets(scope, certificates, expirations) });
  } catch (error) {
    failures.push(error);
    ctx.typeFailed('aws_iam_server_certificate', error);
  }

  const nothingRead =
    failures.length === 2 && 'error' in credentialReport && !passwordPolicy.ok && !summary.ok;
  if (nothingRead) throw failures[0];
}

async function credentialReportResult(
  ctx: CollectContext,
  client: IAMClient,
  options: IamCollectorOptions,
): Promise<CredentialReportResult> {
  try {
    const rows = await readCredentialReport(client, {
      delayMs: options.reportPollDelayMs ?? 2000,
      maxPolls: options.reportMaxPolls ?? 10,
      signal: ctx.signal,
    });
    return { rowsByArn: indexByArn(rows) };
  } catch (error) {
    // Users and the root user carry readErrors.CredentialReport, so their controls yield `error`.
    ctx.log(`iam: credential report unavailable (${errorCode(error)})`);
    return { error: errorCode(error) };
  }
}
