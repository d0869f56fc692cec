// Pure transforms: security groups, interfaces, addresses, flow logs, endpoints, peering, EBS defaults.
import type {
  Address,
  FlowLog,
  GetEbsEncryptionByDefaultCommandOutput,
  NetworkInterface,
  SecurityGroup,
  VpcEndpoint,
  VpcPeeringConnection,
} from '@aws-sdk/client-ec2';
import type { Relationship } from '../../../store/model';
import { buildArn, parseArn } from '../../arn';
import type { Emitted, Where } from '../../shape';
import { makeAsset, makeRelationship, parsePolicyDocument, plainConfig, tagMap } from '../../shape';
import { ids, nameOf } from './ids';

export function securityGroupToAssets(where: Where, group: SecurityGroup): Emitted {
  const groupId = group.GroupId ?? '';
  const id = ids.securityGroup(where, groupId);
  const tags = tagMap(group.Tags);
  return {
    assets: [
      makeAsset(where, {
        id,
        type: 'aws_ec2_security_group',
        class: 'Firewall',
        name: tags.Name || group.GroupName || groupId,
        tags,
        config: plainConfig(group),
      }),
    ],
    relationships: group.VpcId ? [makeRelationship(where, id, 'IN', ids.vpc(where, group.VpcId))] : [],
  };
}

export function networkInterfaceToAssets(where: Where, eni: NetworkInterface): Emitted {
  const eniId = eni.NetworkInterfaceId ?? '';
  const id = ids.networkInterface(where, eniId);
  const tags = tagMap(eni.TagSet);
  const relationships: Relationship[] = [];
  for (const group of eni.Groups ?? []) {
    if (group.GroupId)
      relationships.push(makeRelationship(where, ids.securityGroup(where, group.GroupId), 'PROTECTS', id));
  }
  if (eni.SubnetId) relationships.push(makeRelationship(where, id, 'IN', ids.subnet(where, eni.SubnetId)));
  if (eni.Attachment?.InstanceId) {
    relationships.push(
      makeRelationship(where, id, 'ATTACHED_TO', ids.instance(where, eni.Attachment.InstanceId), {
        deviceIndex: eni.Attachment.DeviceIndex,
      }),
    );
  }
  return {
    assets: [
      makeAsset(where, {
        id,
        type: 'aws_ec2_network_interface',
        class: 'Network',
        name: nameOf(tags, eniId),
        tags,
        config: plainConfig(eni),
      }),
    ],
    relationships,
  };
}

export function addressToAssets(where: Where, address: Address): Emitted {
  // Query-protocol answers may carry members as empty elements (''): those count as absent.
  const allocationId = address.AllocationId || address.PublicIp || '';
  const id = ids.elasticIp(where, allocationId);
  const tags = tagMap(address.Tags);
  const relationships: Relationship[] = [];
  if (address.NetworkInterfaceId)
    relationships.push(
      makeRelationship(where, id, 'ATTACHED_TO', ids.networkInterface(where, address.NetworkInterfaceId)),
    );
  if (address.InstanceId)
    relationships.push(makeRelationship(where, id, 'ATTACHED_TO', ids.instance(where, address.InstanceId)));
  return {
    assets: [
      makeAsset(where, {
        id,
        type: 'aws_ec2_elastic_ip',
        class: 'IpAddress',
        name: tags.Name || address.PublicIp || allocationId,
        tags,
        config: plainConfig(address),
      }),
    ],
    relationships,
  };
}

/** Bucket ARN of an S3 flow-log destination (`arn:aws:s3:::bucket/prefix/` -> `arn:aws:s3:::bucket`). */
export function bucketArnOf(destination: string): string {
  const match = /^(arn:[^:]+:s3:::[^/]+)/.exec(destination);
  return match ? match[1] : destination;
}

/** The VPC, subnet or network interface a flow log captures, by its id's prefix (other kinds: none). */
function monitoredResourceArn(where: Where, resourceId: string | undefined): string | undefined {
  if (resourceId?.startsWith('vpc-')) return ids.vpc(where, resourceId);
  if (resourceId?.startsWith('subnet-')) return ids.subnet(where, resourceId);
  if (resourceId?.startsWith('eni-')) return ids.networkInterface(where, resourceId);
  return undefined;
}

/**
 * Where a flow log delivers: the bucket or log group ARN. `LogDestination` (an ARN, possibly in another account)
 * wins over `LogGroupName`; without `LogDestinationType` the destination ARN's service tells the kind.
 */
export function flowLogDestinationArn(where: Where, flowLog: FlowLog): string | undefined {
  const destination = flowLog.LogDestination || undefined;
  const service = destination ? parseArn(destination)?.service : undefined;
  const kind =
    flowLog.LogDestinationType ||
    (service === 's3' ? 's3' : service === 'firehose' ? 'kinesis-data-firehose' : 'cloud-watch-logs');
  if (kind === 's3') return destination ? bucketArnOf(destination) : undefined;
  if (kind !== 'cloud-watch-logs') return undefined;
  if (destination && service === 'logs') return destination.replace(/:\*$/, '');
  if (!flowLog.LogGroupName) return undefined;
  return buildArn(
    where.partition,
    'logs',
    where.region,
    where.accountId,
    `log-group:${flowLog.LogGroupName}`,
  );
}

export function flowLogToAssets(where: Where, flowLog: FlowLog): Emitted {
  const flowLogId = flowLog.FlowLogId ?? '';
  const id = ids.flowLog(where, flowLogId);
  const tags = tagMap(flowLog.Tags);
  const relationships: Relationship[] = [];
  const destination = flowLogDestinationArn(where, flowLog);
  if (destination) relationships.push(makeRelationship(where, id, 'LOGS_TO', destination));
  const monitored = monitoredResourceArn(where, flowLog.ResourceId);
  if (monitored) relationships.push(makeRelationship(where, id, 'MONITORS', monitored));
  return {
    assets: [
      makeAsset(where, {
        id,
        type: 'aws_ec2_flow_log',
        class: 'Logs',
        name: nameOf(tags, flowLogId),
        tags,
        config: plainConfig(flowLog),
      }),
    ],
    relationships,
  };
}

export function vpcEndpointToAssets(where: Where, endpoint: VpcEndpoint): Emitted {
  const endpointId = endpoint.VpcEndpointId ?? '';
  const tags = tagMap(endpoint.Tags);
  const config = plainConfig(endpoint);
  if (config.PolicyDocument !== undefined) config.PolicyDocument = parsePolicyDocument(config.PolicyDocument);
  const id = ids.vpcEndpoint(where, endpointId);
  return {
    assets: [
      makeAsset(where, {
        id,
        type: 'aws_ec2_vpc_endpoint',
        class: 'Gateway',
        name: tags.Name || endpoint.ServiceName || endpointId,
        tags,
        config,
      }),
    ],
    relationships: endpoint.VpcId ? [makeRelationship(where, ids.vpc(where, endpoint.VpcId), 'HAS', id)] : [],
  };
}

export function peeringToAssets(where: Where, peering: VpcPeeringConnection): Emitted {
  const peeringId = peering.VpcPeeringConnectionId ?? '';
  const tags = tagMap(peering.Tags);
  const requester = peering.RequesterVpcInfo;
  const accepter = peering.AccepterVpcInfo;
  const relationships: Relationship[] = [];
  if (requester?.VpcId && accepter?.VpcId) {
    relationships.push(
      makeRelationship(
        where,
        ids.vpcElsewhere(where, requester.VpcId, requester.OwnerId, requester.Region),
        'PEERS_WITH',
        ids.vpcElsewhere(where, accepter.VpcId, accepter.OwnerId, accepter.Region),
        { peeringConnectionId: peeringId, status: peering.Status?.Code },
      ),
    );
  }
  return {
    assets: [
      makeAsset(where, {
        id: ids.peering(where, peeringId),
        type: 'aws_ec2_vpc_peering_connection',
        class: 'Network',
        name: nameOf(tags, peeringId),
        tags,
        config: plainConfig(peering),
      }),
    ],
    relationships,
  };
}

export function ebsDefaultEncryptionToAssets(
  where: Where,
  output: Omit<GetEbsEncryptionByDefaultCommandOutput, '$metadata'>,
): Emitted {
  const config = plainConfig(output);
  config.EbsEncryptionByDefault = output.EbsEncryptionByDefault === true;
  return {
    assets: [
      makeAsset(where, {
        id: ids.ebsDefaultEncryption(where),
        type: 'aws_ec2_ebs_default_encryption',
        class: 'Configuration',
        name: `EBS default encryption ${where.region}`,
        config,
      }),
    ],
    relationships: [],
  };
}
