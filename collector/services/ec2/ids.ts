// ARNs of EC2/VPC resources, built from the ids the API returns (CATALOG.md).
import { buildArn } from '../../arn';
import { ec2Arn, type Where } from '../../shape';

export const ids = {
  instance: (where: Where, id: string) => ec2Arn(where, `instance/${id}`),
  volume: (where: Where, id: string) => ec2Arn(where, `volume/${id}`),
  snapshot: (where: Where, id: string) => ec2Arn(where, `snapshot/${id}`),
  // AMI ARNs carry no account: images are addressed by region alone.
  image: (where: Where, id: string) => buildArn(where.partition, 'ec2', where.region, '', `image/${id}`),
  securityGroup: (where: Where, id: string) => ec2Arn(where, `security-group/${id}`),
  vpc: (where: Where, id: string) => ec2Arn(where, `vpc/${id}`),
  subnet: (where: Where, id: string) => ec2Arn(where, `subnet/${id}`),
  routeTable: (where: Where, id: string) => ec2Arn(where, `route-table/${id}`),
  internetGateway: (where: Where, id: string) => ec2Arn(where, `internet-gateway/${id}`),
  natGateway: (where: Where, id: string) => ec2Arn(where, `natgateway/${id}`),
  networkAcl: (where: Where, id: string) => ec2Arn(where, `network-acl/${id}`),
  networkInterface: (where: Where, id: string) => ec2Arn(where, `network-interface/${id}`),
  elasticIp: (where: Where, id: string) => ec2Arn(where, `elastic-ip/${id}`),
  flowLog: (where: Where, id: string) => ec2Arn(where, `vpc-flow-log/${id}`),
  vpcEndpoint: (where: Where, id: string) => ec2Arn(where, `vpc-endpoint/${id}`),
  peering: (where: Where, id: string) => ec2Arn(where, `vpc-peering-connection/${id}`),
  ebsDefaultEncryption: (where: Where) => ec2Arn(where, 'ebs-default-encryption'),
  /** The vpc of another account/region (peering accepters); an empty or absent owner/region is ours. */
  vpcElsewhere: (where: Where, id: string, accountId?: string, region?: string) =>
    buildArn(where.partition, 'ec2', region || where.region, accountId || where.accountId, `vpc/${id}`),
};

/** The `Name` tag if set, else the id. */
export function nameOf(tags: Record<string, string>, fallback: string): string {
  return tags.Name || fallback;
}
