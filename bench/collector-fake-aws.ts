// A fake AWS behind the SDK's `requestHandler`: real clients sign, serialise, retry and deserialise as against AWS,
// and this answers with AWS-shaped wire responses after a simulated latency. Used by the collector benchmark and
// by the client/runner tests (throttling, retries, call counting through the real middleware stack).
import { Readable } from 'node:stream';
import { HttpResponse } from '@smithy/core/protocols';
import type { Estate, Reply } from './collector-fake-responses';
import {
  ACCOUNT,
  accountPublicAccessBlock,
  bucketDetail,
  bucketXml,
  credentialReportCsv,
  ec2ErrorReply,
  ec2Reply,
  iamReply,
  instanceXml,
  page,
  queryErrorReply,
  roleXml,
  s3ErrorReply,
  s3Reply,
  securityGroupXml,
  share,
  userXml,
} from './collector-fake-responses';

interface FakeRequest {
  method: string;
  hostname: string;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

export interface FakeAwsOptions {
  estate: Estate;
  /** Milliseconds to wait before answering each request. */
  latencyMs?: () => number;
  /** Return a reply to override the normal answer (throttling, errors); `attempt` counts per operation. */
  intercept?: (api: string, attempt: number, region: string) => Reply | undefined;
}

export class FakeAws {
  /** Requests served by `<Service>.<Action>`. */
  readonly calls: Record<string, number> = {};
  inFlight = 0;
  maxInFlight = 0;

  constructor(private readonly options: FakeAwsOptions) {}

  /** Pass as `clientConfig.requestHandler`. */
  readonly requestHandler = {
    handle: (request: FakeRequest) => this.handle(request),
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => undefined,
  };

  get totalCalls(): number {
    return Object.values(this.calls).reduce((sum, count) => sum + count, 0);
  }

  private async handle(request: FakeRequest): Promise<{ response: HttpResponse }> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const latency = this.options.latencyMs?.() ?? 0;
      if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
      const { api, region, reply } = this.route(request);
      this.calls[api] = (this.calls[api] ?? 0) + 1;
      const answer = this.options.intercept?.(api, this.calls[api], region) ?? reply();
      return {
        response: new HttpResponse({
          statusCode: answer.status,
          headers: { 'content-type': 'text/xml', 'x-amzn-requestid': 'fake', ...answer.headers },
          body: Readable.from([Buffer.from(answer.body)]),
        }),
      };
    } finally {
      this.inFlight -= 1;
    }
  }

  private route(request: FakeRequest): { api: string; region: string; reply: () => Reply } {
    const host = awsHostOf(request);
    const region = /\.([a-z]{2}(?:-gov)?-[a-z]+-\d)\./.exec(host)?.[1] ?? 'us-east-1';
    if (host.includes('s3-control'))
      return { api: 'S3Control.GetPublicAccessBlock', region, reply: accountPublicAccessBlock };
    if (/(^|\.)s3[.-]/.test(host)) return this.s3(request, region);
    const params = new URLSearchParams(typeof request.body === 'string' ? request.body : '');
    const action = params.get('Action') ?? 'Unknown';
    if (host.startsWith('ec2.'))
      return { api: `EC2.${action}`, region, reply: () => this.ec2(action, params, region) };
    if (host.startsWith('iam.'))
      return { api: `IAM.${action}`, region, reply: () => this.iam(action, params) };
    if (host.startsWith('sts.')) return { api: `STS.${action}`, region, reply: () => stsReply(action) };
    if (host.startsWith('elasticloadbalancing.')) {
      const client =
        params.get('Version') === '2015-12-01' ? 'ElasticLoadBalancingV2' : 'ElasticLoadBalancing';
      const ns =
        client === 'ElasticLoadBalancingV2'
          ? 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/'
          : 'http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/';
      return {
        api: `${client}.${action}`,
        region,
        reply: () => ({
          status: 200,
          body: `<${action}Response xmlns="${ns}"><${action}Result/><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></${action}Response>`,
        }),
      };
    }
    return {
      api: `${host}.${action}`,
      region,
      reply: () => queryErrorReply(400, 'UnknownOperationException', `fake AWS does not serve ${host}`),
    };
  }

  private ec2(action: string, params: URLSearchParams, region: string): Reply {
    const { estate } = this.options;
    const r = estate.regions.indexOf(region);
    if (r === -1) return ec2ErrorReply(401, 'OptInRequired', 'You are not subscribed to this service.');
    const max = Number(params.get('MaxResults') ?? 1000);
    const token = params.get('NextToken');
    const next = (value: string | null) => (value ? `<nextToken>${value}</nextToken>` : '');
    if (action === 'DescribeInstances') {
      const [start, end] = share(estate.instances, estate.regions.length, r);
      const { from, to, next: nextToken } = page(start, end, token, max);
      let items = '';
      for (let n = from; n < to; n += 1) items += instanceXml(r, n);
      return ec2Reply(
        action,
        `<reservationSet><item><reservationId>r-${r}${from}</reservationId><ownerId>${ACCOUNT}</ownerId><groupSet/><instancesSet>${items}</instancesSet></item></reservationSet>${next(nextToken)}`,
      );
    }
    if (action === 'DescribeSecurityGroups') {
      const [start, end] = share(estate.securityGroups, estate.regions.length, r);
      const { from, to, next: nextToken } = page(start, end, token, max);
      let items = '';
      for (let n = from; n < to; n += 1) items += securityGroupXml(r, n);
      return ec2Reply(action, `<securityGroupInfo>${items}</securityGroupInfo>${next(nextToken)}`);
    }
    if (action === 'DescribeRegions') {
      const items = estate.regions
        .map(
          (name) =>
            `<item><regionName>${name}</regionName><regionEndpoint>ec2.${name}.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>`,
        )
        .join('');
      return ec2Reply(action, `<regionInfo>${items}</regionInfo>`);
    }
    if (action === 'GetEbsEncryptionByDefault')
      return ec2Reply(
        action,
        '<ebsEncryptionByDefault>true</ebsEncryptionByDefault><sseType>sse-ebs</sseType>',
      );
    // Every other Describe: an empty estate.
    return ec2Reply(action, '');
  }

  private iam(action: string, params: URLSearchParams): Reply {
    const principals = this.options.estate.iamPrincipals;
    const users = Math.ceil(principals / 2);
    const roles = principals - users;
    switch (action) {
      case 'GetAccountAuthorizationDetails': {
        const max = Number(params.get('MaxItems') ?? 100);
        const { from, to, next } = page(0, principals, params.get('Marker'), max);
        let userItems = '';
        let roleItems = '';
        for (let n = from; n < to; n += 1) {
          if (n < users) userItems += userXml(n);
          else roleItems += roleXml(n - users);
        }
        const more = next
          ? `<IsTruncated>true</IsTruncated><Marker>${next}</Marker>`
          : '<IsTruncated>false</IsTruncated>';
        return iamReply(
          action,
          `${more}<UserDetailList>${userItems}</UserDetailList><GroupDetailList/><RoleDetailList>${roleItems}</RoleDetailList><Policies/>`,
        );
      }
      case 'GenerateCredentialReport':
        return iamReply(action, '<State>COMPLETE</State><Description>done</Description>');
      case 'GetCredentialReport':
        return iamReply(
          action,
          `<Content>${Buffer.from(credentialReportCsv(users)).toString('base64')}</Content><ReportFormat>text/csv</ReportFormat><GeneratedTime>2026-01-01T00:00:00Z</GeneratedTime>`,
        );
      case 'GetAccountPasswordPolicy':
        return queryErrorReply(
          404,
          'NoSuchEntity',
          'The Password Policy with domain name 123456789012 cannot be found.',
        );
      case 'GetAccountSummary':
        return iamReply(
          action,
          `<SummaryMap><entry><key>Users</key><value>${users}</value></entry><entry><key>Roles</key><value>${roles}</value></entry><entry><key>AccountMFAEnabled</key><value>1</value></entry></SummaryMap>`,
        );
      case 'ListVirtualMFADevices':
        return iamReply(action, '<IsTruncated>false</IsTruncated><VirtualMFADevices/>');
      case 'ListServerCertificates':
        return iamReply(action, '<IsTruncated>false</IsTruncated><ServerCertificateMetadataList/>');
      default:
        return queryErrorReply(400, 'InvalidAction', `fake IAM does not serve ${action}`);
    }
  }

  private s3(request: FakeRequest, region: string): { api: string; region: string; reply: () => Reply } {
    const query = request.query ?? {};
    const subresource = Object.keys(query).find((key) => query[key] === null || query[key] === '') ?? '';
    // Virtual-hosted (`bucket.s3.region.amazonaws.com`) or path-style (`/bucket`).
    const hostBucket = /^([^.]+)\.s3[.-]/.exec(request.hostname)?.[1];
    const bucket = hostBucket ?? request.path.split('/').filter(Boolean)[0];
    if (!bucket) {
      const max = Number(query['max-buckets'] ?? 10000);
      const token =
        typeof query['continuation-token'] === 'string' ? (query['continuation-token'] as string) : null;
      return {
        api: 'S3.ListBuckets',
        region,
        reply: () => {
          const { buckets, regions } = this.options.estate;
          const { from, to, next } = page(0, buckets, token, max);
          let items = '';
          for (let n = from; n < to; n += 1) items += bucketXml(n, regions[n % regions.length]);
          return s3Reply(
            `<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>owner-id</ID></Owner><Buckets>${items}</Buckets>${next ? `<ContinuationToken>${next}</ContinuationToken>` : ''}</ListAllMyBucketsResult>`,
          );
        },
      };
    }
    const n = parseInt(bucket.replace(/^bucket-/, ''), 16) || 0;
    const api = `S3.GetBucket${subresource.charAt(0).toUpperCase()}${subresource.slice(1)}`.replace(
      'GetBucketPublicAccessBlock',
      'GetPublicAccessBlock',
    );
    return {
      api,
      region,
      reply: () =>
        subresource ? bucketDetail(subresource, n) : s3ErrorReply(400, 'NotImplemented', 'fake S3'),
    };
  }
}

/**
 * The AWS host a request was meant for. Against AWS's endpoints it is the hostname; behind a custom endpoint
 * (`AWS_ENDPOINT_URL=http://127.0.0.1:port`, as with an emulator) every service shares one host, so, like moto
 * and LocalStack, the service and region come from the SigV4 credential scope, and S3 Control from its path.
 */
function awsHostOf(request: FakeRequest): string {
  if (request.hostname.endsWith('.amazonaws.com')) return request.hostname;
  const authorization = request.headers.authorization ?? request.headers.Authorization ?? '';
  const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization);
  if (!scope) return request.hostname;
  const [, region, service] = scope;
  if (service === 's3' && request.path.startsWith('/v20180820/')) return `s3-control.${region}.amazonaws.com`;
  if (service === 'iam') return 'iam.amazonaws.com';
  return `${service}.${region}.amazonaws.com`;
}

const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

function stsReply(action: string): Reply {
  const wrap = (inner: string): Reply => ({
    status: 200,
    body: `<${action}Response xmlns="${STS_NS}"><${action}Result>${inner}</${action}Result><ResponseMetadata><RequestId>req-sts</RequestId></ResponseMetadata></${action}Response>`,
  });
  if (action === 'GetCallerIdentity')
    return wrap(
      `<Arn>arn:aws:iam::${ACCOUNT}:user/scanner</Arn><UserId>AIDASCANNER</UserId><Account>${ACCOUNT}</Account>`,
    );
  if (action === 'AssumeRole') {
    const expiration = new Date(Date.now() + 3_600_000).toISOString();
    return wrap(
      `<Credentials><AccessKeyId>ASIAFAKE</AccessKeyId><SecretAccessKey>fake-secret</SecretAccessKey><SessionToken>fake-token</SessionToken><Expiration>${expiration}</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROAFAKE:cloudward</AssumedRoleId><Arn>arn:aws:sts::${ACCOUNT}:assumed-role/CloudwardReadOnly/cloudward</Arn></AssumedRoleUser>`,
    );
  }
  return queryErrorReply(400, 'InvalidAction', `fake STS does not serve ${action}`);
}
