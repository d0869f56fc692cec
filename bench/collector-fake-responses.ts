// XML bodies shaped like AWS's wire responses (EC2 query, IAM query, S3 REST-XML) for a synthetic estate.
// Items are generated from their index, so serving a huge estate costs no memory.

export const ACCOUNT = '123456789012';
const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const DATE = '2026-01-01T00:00:00.000Z';

export interface Estate {
  regions: string[];
  instances: number;
  securityGroups: number;
  buckets: number;
  iamPrincipals: number;
}

export interface Reply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

const pad = (n: number) => n.toString(16).padStart(8, '0');
/** Spread `total` items over the regions: region index r gets items [start, end). */
export function share(total: number, regions: number, r: number): [number, number] {
  const per = Math.ceil(total / regions);
  return [Math.min(total, r * per), Math.min(total, (r + 1) * per)];
}

export function page(
  start: number,
  end: number,
  token: string | null,
  max: number,
): { from: number; to: number; next: string | null } {
  const from = token ? Number(token) : start;
  const to = Math.min(end, from + max);
  return { from, to, next: to < end ? String(to) : null };
}

export const ec2Reply = (action: string, inner: string): Reply => ({
  status: 200,
  body: `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${EC2_NS}"><requestId>req-${action}</requestId>${inner}</${action}Response>`,
});

export const ec2ErrorReply = (status: number, code: string, message: string): Reply => ({
  status,
  body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>req-error</RequestID></Response>`,
});

export function instanceXml(region: number, n: number): string {
  const id = `i-${region}${pad(n)}`;
  return (
    `<item><instanceId>${id}</instanceId><imageId>ami-0abc</imageId><instanceState><code>16</code><name>running</name></instanceState>` +
    `<privateDnsName>ip-10-0-0-1.ec2.internal</privateDnsName><instanceType>t3.micro</instanceType><launchTime>${DATE}</launchTime>` +
    `<placement><availabilityZone>az-a</availabilityZone><tenancy>default</tenancy></placement><monitoring><state>disabled</state></monitoring>` +
    `<subnetId>subnet-${region}0001</subnetId><vpcId>vpc-${region}0001</vpcId><privateIpAddress>10.${region}.${(n >> 8) & 255}.${n & 255}</privateIpAddress>` +
    (n % 10 === 0 ? `<ipAddress>54.0.${(n >> 8) & 255}.${n & 255}</ipAddress>` : '') +
    `<groupSet><item><groupId>sg-${region}${pad(n % 50)}</groupId><groupName>sg-${n % 50}</groupName></item></groupSet>` +
    `<architecture>x86_64</architecture><rootDeviceType>ebs</rootDeviceType><rootDeviceName>/dev/xvda</rootDeviceName>` +
    `<blockDeviceMapping><item><deviceName>/dev/xvda</deviceName><ebs><volumeId>vol-${region}${pad(n)}</volumeId><status>attached</status>` +
    `<attachTime>${DATE}</attachTime><deleteOnTermination>true</deleteOnTermination></ebs></item></blockDeviceMapping>` +
    `<iamInstanceProfile><arn>arn:aws:iam::${ACCOUNT}:instance-profile/app</arn><id>AIPA0000</id></iamInstanceProfile>` +
    `<metadataOptions><state>applied</state><httpTokens>required</httpTokens><httpEndpoint>enabled</httpEndpoint></metadataOptions>` +
    `<tagSet><item><key>Name</key><value>web-${n}</value></item><item><key>env</key><value>prod</value></item></tagSet></item>`
  );
}

export function securityGroupXml(region: number, n: number): string {
  return (
    `<item><ownerId>${ACCOUNT}</ownerId><groupId>sg-${region}${pad(n)}</groupId><groupName>sg-${n}</groupName><groupDescription>group ${n}</groupDescription>` +
    `<vpcId>vpc-${region}0001</vpcId><ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>443</fromPort><toPort>443</toPort>` +
    `<groups/><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges><ipv6Ranges><item><cidrIpv6>::/0</cidrIpv6></item></ipv6Ranges><prefixListIds/></item>` +
    `<item><ipProtocol>tcp</ipProtocol><fromPort>22</fromPort><toPort>22</toPort><groups/><ipRanges><item><cidrIp>10.0.0.0/8</cidrIp></item></ipRanges>` +
    `<ipv6Ranges/><prefixListIds/></item></ipPermissions><ipPermissionsEgress><item><ipProtocol>-1</ipProtocol><groups/>` +
    `<ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/></item></ipPermissionsEgress></item>`
  );
}

export const iamReply = (action: string, inner: string): Reply => ({
  status: 200,
  body: `<${action}Response xmlns="${IAM_NS}"><${action}Result>${inner}</${action}Result><ResponseMetadata><RequestId>req-${action}</RequestId></ResponseMetadata></${action}Response>`,
});

export const queryErrorReply = (status: number, code: string, message: string): Reply => ({
  status,
  body: `<ErrorResponse xmlns="${IAM_NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>req-error</RequestId></ErrorResponse>`,
});

const trustPolicy = encodeURIComponent(
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  }),
);

export function userXml(n: number): string {
  return (
    `<member><Path>/</Path><UserName>user-${n}</UserName><UserId>AIDA${pad(n)}</UserId><Arn>arn:aws:iam::${ACCOUNT}:user/user-${n}</Arn>` +
    `<CreateDate>${DATE}</CreateDate><GroupList/><AttachedManagedPolicies/><UserPolicyList/><Tags/></member>`
  );
}

export function roleXml(n: number): string {
  return (
    `<member><Path>/</Path><RoleName>role-${n}</RoleName><RoleId>AROA${pad(n)}</RoleId><Arn>arn:aws:iam::${ACCOUNT}:role/role-${n}</Arn>` +
    `<CreateDate>${DATE}</CreateDate><AssumeRolePolicyDocument>${trustPolicy}</AssumeRolePolicyDocument><InstanceProfileList/>` +
    `<RolePolicyList/><AttachedManagedPolicies/><Tags/><RoleLastUsed/></member>`
  );
}

export function credentialReportCsv(users: number): string {
  const header =
    'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,' +
    'access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,' +
    'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,' +
    'cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
  const rows = [
    `<root_account>,arn:aws:iam::${ACCOUNT}:root,${DATE},not_supported,${DATE},not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
  ];
  for (let n = 0; n < users; n += 1) {
    rows.push(
      `user-${n},arn:aws:iam::${ACCOUNT}:user/user-${n},${DATE},true,${DATE},${DATE},N/A,false,true,${DATE},${DATE},us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
    );
  }
  return [header, ...rows].join('\n');
}

export const s3Reply = (body: string): Reply => ({
  status: 200,
  body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}`,
  headers: { 'content-type': 'application/xml' },
});

export const s3ErrorReply = (status: number, code: string, message: string): Reply => ({
  status,
  body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>req-error</RequestId></Error>`,
  headers: { 'content-type': 'application/xml' },
});

export function bucketXml(n: number, region: string): string {
  return `<Bucket><Name>bucket-${pad(n)}</Name><CreationDate>${DATE}</CreationDate><BucketRegion>${region}</BucketRegion></Bucket>`;
}

/** Bucket detail sub-resources (`GET /?encryption` ...): a configured answer, or AWS's "not configured" error. */
export function bucketDetail(subresource: string, n: number): Reply {
  switch (subresource) {
    case 'encryption':
      return s3Reply(
        `<ServerSideEncryptionConfiguration xmlns="${S3_NS}"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>false</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>`,
      );
    case 'publicAccessBlock':
      return n % 5 === 0
        ? s3ErrorReply(
            404,
            'NoSuchPublicAccessBlockConfiguration',
            'The public access block configuration was not found',
          )
        : s3Reply(
            `<PublicAccessBlockConfiguration xmlns="${S3_NS}"><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>`,
          );
    case 'versioning':
      return s3Reply(
        `<VersioningConfiguration xmlns="${S3_NS}"><Status>Enabled</Status></VersioningConfiguration>`,
      );
    case 'logging':
      return s3Reply(`<BucketLoggingStatus xmlns="${S3_NS}"/>`);
    case 'policy':
      return s3ErrorReply(404, 'NoSuchBucketPolicy', 'The bucket policy does not exist');
    case 'policyStatus':
      return s3Reply(`<PolicyStatus xmlns="${S3_NS}"><IsPublic>false</IsPublic></PolicyStatus>`);
    case 'acl':
      return s3Reply(
        `<AccessControlPolicy xmlns="${S3_NS}"><Owner><ID>owner-id</ID></Owner><AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>owner-id</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant></AccessControlList></AccessControlPolicy>`,
      );
    case 'ownershipControls':
      return s3Reply(
        `<OwnershipControls xmlns="${S3_NS}"><Rule><ObjectOwnership>BucketOwnerEnforced</ObjectOwnership></Rule></OwnershipControls>`,
      );
    case 'tagging':
      return s3ErrorReply(404, 'NoSuchTagSet', 'The TagSet does not exist');
    case 'location':
      return s3Reply(`<LocationConstraint xmlns="${S3_NS}"/>`);
    default:
      return s3ErrorReply(400, 'NotImplemented', `fake S3 does not serve ?${subresource}`);
  }
}

export const accountPublicAccessBlock = (): Reply =>
  s3Reply(
    `<PublicAccessBlockConfiguration xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/"><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>`,
  );
