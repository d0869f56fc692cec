// End to end against moto: containers, APIs and organisations. workloads_estate.py builds EKS clusters (open to the
// world, limited to one range, private, left to defaults; logging, secrets encryption, old versions), ECS clusters,
// task definitions and services, API Gateway REST and HTTP APIs with the Lambda functions they trigger, and an
// organization with one member. `cloudward scan` reads it as the management account; the Organizations module is
// also run as the member account and as an account in no organization.
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { ClientFactory } from '../../collector/clients';
import { organizationsCollector } from '../../collector/services/organizations';
import { runModuleUnit } from '../collector/harness';
import type { Asset, SyncServiceResult } from '../../store/model';
import {
  MOTO_ACCOUNT as ACCOUNT,
  motoSuite,
  scanMoto,
  startMoto,
  statusesOf,
  type MotoServer,
  type ScanReport,
} from './moto-server';

// 1.33 and 1.34 are in EKS standard support on this day, 1.32 in extended support only (since 2026-03-23).
const SCAN_DATE = new Date('2026-06-01T00:00:00Z');

type ExposedAsset = ScanReport['assets'][number] & { name?: string; exposure?: { verdict: string } };

motoSuite('workloads against moto')('workloads against moto', () => {
  let moto: MotoServer;
  let ids: Record<string, string>;
  let report: ScanReport;
  let exitCode: number;

  beforeAll(async () => {
    moto = await startMoto();
    ids = await moto.seed('workloads_estate.py');
    // A fixed evaluation date: EKS version support is judged against the release calendar on this day.
    ({ code: exitCode, report } = await scanMoto(moto, ['--regions', 'us-east-1'], { now: SCAN_DATE }));
  }, 120_000);

  afterAll(async () => {
    await moto?.stop();
  });

  const status = (controlId: string, resource: string) => statusesOf(report, controlId, resource);
  const exposure = (type: string, name: string) =>
    (report.assets as ExposedAsset[])
      .filter((asset) => asset.type === type && asset.name === name)
      .map((asset) => asset.exposure?.verdict);

  it('reads EKS, ECS, API Gateway and Organizations without errors', () => {
    expect(exitCode).toBe(0);
    const failed = report.errors.map((error) => error.service);
    for (const service of ['eks', 'ecs', 'apigateway', 'organizations', 'lambda'])
      expect(failed).not.toContain(service);
  });

  it('EKS: public endpoints, control-plane audit logs, secrets encryption, supported versions', () => {
    // FSBP EKS.1: a public endpoint fails even when limited to an office range.
    expect(status('eks_cluster_endpoint_not_public', 'eks-open')).toEqual(['fail']);
    expect(status('eks_cluster_endpoint_not_public', 'eks-office')).toEqual(['fail']);
    expect(status('eks_cluster_endpoint_not_public', 'eks-private')).toEqual(['pass']);
    expect(status('eks_cluster_endpoint_not_public', 'eks-defaults')).toEqual(['fail']);
    expect(status('eks_cluster_audit_logging_enabled', 'eks-open')).toEqual(['fail']);
    expect(status('eks_cluster_audit_logging_enabled', 'eks-noaudit')).toEqual(['fail']);
    expect(status('eks_cluster_audit_logging_enabled', 'eks-office')).toEqual(['pass']);
    expect(status('eks_cluster_secrets_encrypted', 'eks-open')).toEqual(['fail']);
    expect(status('eks_cluster_secrets_encrypted', 'eks-private')).toEqual(['pass']);
    expect(status('eks_cluster_supported_version', 'eks-open')).toEqual(['fail']);
    expect(status('eks_cluster_supported_version', 'eks-defaults')).toEqual(['fail']);
    expect(status('eks_cluster_supported_version', 'eks-office')).toEqual(['pass']);
    expect(status('eks_cluster_supported_version', 'eks-private')).toEqual(['pass']);
    expect(status('eks_cluster_supported_version', 'eks-noaudit')).toEqual(['fail']);
  });

  it('EKS exposure: open to 0.0.0.0/0 is exposed; a limited range or a private endpoint is not', () => {
    expect(exposure('aws_eks_cluster', 'eks-open')).toEqual(['exposed']);
    expect(exposure('aws_eks_cluster', 'eks-office')).toEqual(['not_exposed']);
    expect(exposure('aws_eks_cluster', 'eks-private')).toEqual(['not_exposed']);
    // moto leaves out the endpoint settings AWS always returns: not known, not guessed.
    expect(exposure('aws_eks_cluster', 'eks-defaults')).toEqual(['unknown']);
  });

  it('ECS task definitions: privileged, host network as root, host PID, plain secrets, writable root, logs', () => {
    expect(status('ecs_task_definition_no_privileged_containers', 'legacy-agent:1')).toEqual(['fail']);
    expect(status('ecs_task_definition_no_privileged_containers', 'web-hardened:1')).toEqual(['pass']);
    expect(status('ecs_task_definition_host_network_non_root', 'host-default-user:1')).toEqual(['fail']);
    expect(status('ecs_task_definition_host_network_non_root', 'host-nonroot:1')).toEqual(['pass']);
    expect(status('ecs_task_definition_host_network_non_root', 'web-hardened:1')).toEqual(['not_applicable']);
    expect(status('ecs_task_definition_no_host_pid_namespace', 'legacy-agent:1')).toEqual(['fail']);
    expect(status('ecs_task_definition_no_host_pid_namespace', 'web-hardened:1')).toEqual(['pass']);
    expect(status('ecs_task_definition_no_secrets_in_environment', 'legacy-agent:1')).toEqual(['fail']);
    expect(status('ecs_task_definition_no_secrets_in_environment', 'billing:1')).toEqual(['fail']);
    expect(status('ecs_task_definition_no_secrets_in_environment', 'web-hardened:1')).toEqual(['pass']);
    expect(status('ecs_task_definition_read_only_root_filesystem', 'legacy-agent:1')).toEqual(['fail']);
    expect(status('ecs_task_definition_read_only_root_filesystem', 'host-default-user:1')).toEqual(['fail']);
    expect(status('ecs_task_definition_read_only_root_filesystem', 'web-hardened:1')).toEqual(['pass']);
    expect(status('ecs_task_definition_logging_configured', 'legacy-agent:1')).toEqual(['fail']);
    expect(status('ecs_task_definition_logging_configured', 'web-hardened:1')).toEqual(['pass']);
    // The latest revision of a family is judged (as AWS Config does), not the one it replaced.
    expect(status('ecs_task_definition_no_secrets_in_environment', 'worker:2')).toEqual(['pass']);
    expect(status('ecs_task_definition_no_secrets_in_environment', 'worker:1')).toEqual([]);
  });

  it('ECS clusters and services: Container Insights, public IPs, Fargate platform version', () => {
    expect(status('ecs_cluster_container_insights_enabled', 'prod')).toEqual(['pass']);
    expect(status('ecs_cluster_container_insights_enabled', 'dev')).toEqual(['fail']);
    expect(status('ecs_service_no_public_ip', 'web-public')).toEqual(['fail']);
    expect(status('ecs_service_no_public_ip', 'web-private')).toEqual(['pass']);
    expect(status('ecs_service_no_public_ip', 'agent')).toEqual(['pass']);
    expect(status('ecs_service_fargate_latest_platform_version', 'web-public')).toEqual(['fail']);
    expect(status('ecs_service_fargate_latest_platform_version', 'web-private')).toEqual(['pass']);
    expect(status('ecs_service_fargate_latest_platform_version', 'agent')).toEqual(['not_applicable']);
  });

  it('REST API stages: execution and access logs, X-Ray, WAF, client certificates; no stage, nothing judged', () => {
    for (const control of [
      'apigateway_rest_api_stage_logging_enabled',
      'apigateway_rest_api_stage_access_logging_enabled',
      'apigateway_rest_api_stage_waf_attached',
    ]) {
      expect([control, status(control, ids['orders-edge'])]).toEqual([control, ['fail']]);
      expect([control, status(control, ids['orders-regional'])]).toEqual([control, ['pass']]);
      expect([control, status(control, ids['orders-draft'])]).toEqual([control, ['not_applicable']]);
    }
    expect(status('apigateway_rest_api_stage_xray_tracing_enabled', ids['orders-edge'])).toEqual(['fail']);
    // moto keeps no client certificates: every deployed stage lacks one.
    expect(status('apigateway_rest_api_stage_client_certificate', ids['orders-regional'])).toEqual(['fail']);
    expect(status('apigateway_rest_api_stage_cache_encrypted', ids['orders-edge'])).toEqual(['pass']);
  });

  it('HTTP APIs: routes without an authorizer and stages without access logs fail', () => {
    expect(status('apigatewayv2_api_routes_authorized', ids['http-open'])).toEqual(['fail']);
    expect(status('apigatewayv2_api_routes_authorized', ids['http-jwt'])).toEqual(['pass']);
    expect(status('apigatewayv2_api_access_logging_enabled', ids['http-open'])).toEqual(['fail']);
    expect(status('apigatewayv2_api_access_logging_enabled', ids['http-jwt'])).toEqual(['pass']);
  });

  it('WebSocket APIs: stages without execution logs and routes without an authorizer fail', () => {
    expect(status('apigatewayv2_websocket_stage_logging_enabled', ids['ws-chat'])).toEqual(['pass']);
    expect(status('apigatewayv2_websocket_stage_logging_enabled', ids['ws-feed'])).toEqual(['fail']);
    expect(status('apigatewayv2_websocket_stage_logging_enabled', ids['http-open'])).toEqual([
      'not_applicable',
    ]);
    // Only $connect takes an authorizer on a WebSocket API.
    expect(status('apigatewayv2_api_routes_authorized', ids['ws-chat'])).toEqual(['pass']);
    expect(status('apigatewayv2_api_routes_authorized', ids['ws-feed'])).toEqual(['fail']);
  });

  it('API and function exposure: public endpoints, private and undeployed APIs, authorized routes', () => {
    expect(exposure('aws_apigateway_rest_api', 'orders-edge')).toEqual(['exposed']);
    expect(exposure('aws_apigateway_rest_api', 'orders-regional')).toEqual(['exposed']);
    expect(exposure('aws_apigateway_rest_api', 'orders-private')).toEqual(['not_exposed']);
    expect(exposure('aws_apigateway_rest_api', 'orders-draft')).toEqual(['not_exposed']);
    // Its resource policy lets one partner range in.
    expect(exposure('aws_apigateway_rest_api', 'orders-partner')).toEqual(['not_exposed']);
    expect(exposure('aws_apigatewayv2_api', 'ws-feed')).toEqual(['exposed']);
    expect(exposure('aws_apigatewayv2_api', 'http-open')).toEqual(['exposed']);
    expect(exposure('aws_apigatewayv2_api', 'http-jwt')).toEqual(['exposed']);
    // A function is reachable by anyone only through a method or route that needs no credentials.
    expect(exposure('aws_lambda_function', 'edge-fn')).toEqual(['exposed']);
    expect(exposure('aws_lambda_function', 'http-open-fn')).toEqual(['exposed']);
    expect(exposure('aws_lambda_function', 'regional-fn')).toEqual(['not_exposed']);
    expect(exposure('aws_lambda_function', 'http-jwt-fn')).toEqual(['not_exposed']);
    expect(exposure('aws_lambda_function', 'private-fn')).toEqual(['not_exposed']);
    expect(exposure('aws_lambda_function', 'draft-fn')).toEqual(['not_exposed']);
    expect(exposure('aws_lambda_function', 'partner-fn')).toEqual(['not_exposed']);
    // ws-chat guards $connect with IAM, but ws-feed lets anyone connect to the same function.
    expect(exposure('aws_lambda_function', 'ws-fn')).toEqual(['exposed']);
    expect(exposure('aws_lambda_function', 'unused-fn')).toEqual(['not_exposed']);
  });

  describe('Organizations as the management account, a member and an account in no organization', () => {
    async function readOrganizations(
      accountId: string,
    ): Promise<{ result: SyncServiceResult; assets: Asset[] }> {
      const restore = moto.useEnv();
      try {
        let credentials = { accessKeyId: 'AKIAEMULATOR', secretAccessKey: 'emulator-secret' } as {
          accessKeyId: string;
          secretAccessKey: string;
          sessionToken?: string;
        };
        if (accountId !== ACCOUNT) {
          // moto answers as the account whose role the keys come from.
          const sts = new STSClient({ region: 'us-east-1' });
          const { Credentials } = await sts.send(
            new AssumeRoleCommand({
              RoleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`,
              RoleSessionName: 'cloudward-test',
            }),
          );
          credentials = {
            accessKeyId: Credentials!.AccessKeyId!,
            secretAccessKey: Credentials!.SecretAccessKey!,
            sessionToken: Credentials!.SessionToken,
          };
        }
        const { result, assets } = await runModuleUnit(organizationsCollector, {
          accountId,
          factory: new ClientFactory({ credentials: async () => credentials }),
        });
        return { result, assets };
      } finally {
        restore();
      }
    }

    it('the management account sees the organization and lists its accounts', () => {
      const types = report.assets.filter((asset) => asset.type.startsWith('aws_organizations'));
      // moto attaches FullAWSAccess to the root, as AWS does when SCPs are enabled.
      expect(types.map((asset) => asset.type).sort()).toEqual([
        'aws_organizations_account',
        'aws_organizations_account',
        'aws_organizations_organization',
        'aws_organizations_policy',
        'aws_organizations_root',
      ]);
      expect(types.some((asset) => asset.id.endsWith(`/${ids.member}`))).toBe(true);
    });

    it('a member sees the organization, does not list accounts, and the read is complete', async () => {
      const { result, assets } = await readOrganizations(ids.member);
      expect(result.status).toBe('ok');
      expect(result.completeTypes).toEqual([
        'aws_organizations_organization',
        'aws_organizations_root',
        'aws_organizations_organizational_unit',
        'aws_organizations_account',
        'aws_organizations_policy',
      ]);
      expect(assets.map((asset) => asset.type)).toEqual(['aws_organizations_organization']);
      expect((assets[0].config as { MasterAccountId?: string }).MasterAccountId).toBe(ACCOUNT);
      // The structure is not readable from a member: recorded on the organization, so its controls give error.
      expect(Object.keys(assets[0].readErrors ?? {}).sort()).toEqual([
        'DelegatedAdministrators',
        'Roots',
        'ServiceControlPolicies',
      ]);
      expect(result.calls['Organizations.ListAccounts']).toBeUndefined();
    });

    it('an account in no organization has nothing to read, and that is not an error', async () => {
      const { result, assets } = await readOrganizations('111111111111');
      expect(result.status).toBe('ok');
      expect(result.completeTypes).toEqual([
        'aws_organizations_organization',
        'aws_organizations_root',
        'aws_organizations_organizational_unit',
        'aws_organizations_account',
        'aws_organizations_policy',
      ]);
      expect(assets).toEqual([]);
    });
  });
});
