// Network and compute findings end to end against moto (`moto_server`): network_estate.py builds a VPC with public,
// NAT-only and isolated subnets, load balancers in front of private instances, and each EC2/VPC misconfiguration
// next to a resource that is fine; `cloudward scan` runs against it and the verdicts are checked per resource,
// including the exposure analyser's evidence. Skipped where moto_server or python3 with boto3 is not installed.
import {
  motoSuite,
  scanMoto,
  startMoto,
  statusesOf,
  type MotoServer,
  type ScanFinding,
  type ScanReport,
} from './moto-server';

const EXPOSED = 'ec2_instance_admin_ports_not_internet_exposed';

motoSuite('network findings against moto')('network findings against moto', () => {
  let moto: MotoServer;
  let ids: Record<string, string>;
  let report: ScanReport;
  let exitCode: number;

  beforeAll(async () => {
    moto = await startMoto();
    ids = await moto.seed('network_estate.py');
    ({ code: exitCode, report } = await scanMoto(moto));
  }, 120_000);

  afterAll(async () => {
    await moto?.stop();
  });

  const status = (controlId: string, resource: string) => statusesOf(report, controlId, resource);
  const finding = (controlId: string, resource: string) => {
    const found = report.findings.filter(
      (f) =>
        f.controlId === controlId && (f.resourceId === resource || !!f.resourceArn?.endsWith(`/${resource}`)),
    );
    expect(found).toHaveLength(1);
    return found[0] as ScanFinding & { evidence?: string[] };
  };
  const evidenceOf = (controlId: string, resource: string) => {
    const f = finding(controlId, resource);
    return [f.reason, ...(f.evidence ?? [])].join('\n');
  };

  it('reads EC2 and ELB in both regions', () => {
    expect(exitCode).toBe(0);
    const failed = new Set(report.errors.map((error) => error.service));
    expect(failed.has('ec2')).toBe(false);
    expect(failed.has('elb')).toBe(false);
    // Everything moto models is read: no network or compute finding is an error.
    const errors = report.findings.filter((f) => /^(ec2|elb)/.test(f.controlId) && f.status === 'error');
    expect(errors.map((f) => `${f.controlId} ${f.resourceId}: ${f.reason}`)).toEqual([]);
  });

  it('flags security groups open to the world on admin and risky ports, and only those', () => {
    expect(status('ec2_security_group_no_public_ssh_ingress', 'ssh-open')).toEqual(['fail']);
    expect(status('ec2_security_group_no_public_ssh_ingress', 'all-open')).toEqual(['fail']);
    expect(status('ec2_security_group_no_public_ssh_ingress', 'ssh-office')).toEqual(['pass']);
    expect(status('ec2_security_group_no_public_ssh_ingress', 'web')).toEqual(['pass']);
    expect(status('ec2_security_group_no_public_rdp_ingress', 'rdp-v6')).toEqual(['fail']);
    expect(status('ec2_security_group_no_public_ipv6_admin_ingress', 'rdp-v6')).toEqual(['fail']);
    expect(status('ec2_security_group_no_public_ipv4_admin_ingress', 'rdp-v6')).toEqual(['pass']);
    expect(status('ec2_security_group_no_public_ipv4_admin_ingress', 'all-open')).toEqual(['fail']);
    expect(status('ec2_security_group_no_public_cifs_ingress', 'smb-open')).toEqual(['fail']);
    expect(status('ec2_security_group_no_public_cifs_ingress', 'ssh-open')).toEqual(['pass']);
    expect(status('ec2_security_group_public_ingress_only_http_https', 'web')).toEqual(['pass']);
    expect(status('ec2_security_group_public_ingress_only_http_https', 'alb-sg')).toEqual(['pass']);
    expect(status('ec2_security_group_public_ingress_only_http_https', 'ssh-open')).toEqual(['fail']);
    expect(status('ec2_security_group_public_ingress_only_http_https', 'app-from-alb')).toEqual(['pass']);
    expect(status('ec2_security_group_no_public_high_risk_ports', 'nlb-app')).toEqual(['pass']);
  });

  it('tells a default security group with rules from an emptied one', () => {
    const defaults = 'ec2_security_group_default_restricts_all_traffic';
    expect(status(defaults, ids.prodDefaultSg)).toEqual(['fail']);
    expect(status(defaults, ids.sandboxDefaultSg)).toEqual(['pass']);
    expect(status(defaults, 'ssh-open')).toEqual(['not_applicable']);
  });

  it('judges network ACLs by what they let in and whether they are used', () => {
    const admin = 'ec2_network_acl_no_public_admin_ingress';
    expect(status(admin, ids.publicAcl)).toEqual(['fail']);
    expect(status(admin, ids.unusedAcl)).toEqual(['pass']);
    // AWS's default ACL allows everything in (rule 100): that includes SSH and RDP.
    expect(status(admin, ids.defaultAcl)).toEqual(['fail']);
    expect(status(admin, ids.denyFirstAcl)).toEqual(['pass']);
    expect(status('ec2_network_acl_in_use', ids.publicAcl)).toEqual(['pass']);
    expect(status('ec2_network_acl_in_use', ids.unusedAcl)).toEqual(['fail']);
    expect(status('ec2_network_acl_in_use', ids.defaultAcl)).toEqual(['not_applicable']);
  });

  it('finds the instances reachable from the internet on SSH or RDP, with the path as evidence', () => {
    expect(status(EXPOSED, 'bastion')).toEqual(['fail']);
    const bastion = evidenceOf(EXPOSED, 'bastion');
    expect(bastion).toContain('open to 0.0.0.0/0 on tcp 22');
    expect(bastion).toContain(`network ACL ${ids.publicAcl} rule 200 allows tcp 22 from 0.0.0.0/0`);
    // All ports open in its group, but the subnet's ACL lets in only 22, 80, 443 and 1024-65535 (which holds 3389).
    expect(status(EXPOSED, 'rdp-public')).toEqual(['fail']);
    expect(evidenceOf(EXPOSED, 'rdp-public')).toContain('on tcp 22, tcp 80, tcp 443, tcp 1024-65535');
    // No public IPv4 at all: RDP reaches it over IPv6 (::/0 routed to the internet gateway, ::/0 in its group).
    expect(status(EXPOSED, 'v6-rdp')).toEqual(['fail']);
    expect(evidenceOf(EXPOSED, 'v6-rdp')).toContain('open to ::/0 on tcp 3389');
    expect(status('ec2_instance_no_public_ip', 'v6-rdp')).toEqual(['pass']);
    // In the default VPC: no explicit association, the main route table routes to the internet gateway.
    expect(status(EXPOSED, 'legacy')).toEqual(['fail']);
    expect(evidenceOf(EXPOSED, 'legacy')).toContain('open to 0.0.0.0/0 on tcp 22');
    expect(status(EXPOSED, 'stopped')).toEqual(['not_applicable']);
  });

  it('passes instances that are exposed only on web ports or not at all, and says why', () => {
    for (const name of ['web-eip', 'app-alb', 'app-nlb', 'quiet-public', 'private-ssh', 'isolated'])
      expect([name, status(EXPOSED, name)]).toEqual([name, ['pass']]);
    expect(evidenceOf(EXPOSED, 'web-eip')).toContain('open to 0.0.0.0/0 on tcp 443');
    expect(evidenceOf(EXPOSED, 'app-alb')).toContain(
      'behind internet-facing load balancer public-alb (listener 80 -> target group app port 8080)',
    );
    expect(evidenceOf(EXPOSED, 'app-nlb')).toContain('behind internet-facing load balancer public-nlb');
    expect(evidenceOf(EXPOSED, 'quiet-public')).toContain('allow no inbound traffic from 0.0.0.0/0');
    expect(evidenceOf(EXPOSED, 'private-ssh')).toContain(
      `private subnet ${ids.privateSubnet} has no route to an internet gateway`,
    );
    expect(evidenceOf(EXPOSED, 'isolated')).toContain(
      `private subnet ${ids.isolatedSubnet} has no route to an internet gateway`,
    );
    // A target whose group does not admit the load balancer, and one behind an internal load balancer only.
    expect(evidenceOf(EXPOSED, 'app-closed')).toContain(
      `load balancer public-alb forwards to ${ids['app-closed']} on tcp 8080 but the security groups`,
    );
    expect(status(EXPOSED, 'app-closed')).toEqual(['pass']);
    expect(status(EXPOSED, 'app-internal')).toEqual(['pass']);
    // Its group admits the ALB, but the ACL of its subnet lets 8080 in only from 10.9.0.0/16.
    expect(status(EXPOSED, 'app-locked')).toEqual(['pass']);
    expect(evidenceOf(EXPOSED, 'app-locked')).toContain(
      `load balancer public-alb forwards to ${ids['app-locked']} on tcp 8080 but the network ACL of its subnet lets no traffic from load balancer public-alb's subnets`,
    );
    // Its load balancer's group opens 81, but the network ACL of the load balancer's subnets has no rule for it.
    expect(status(EXPOSED, 'app-side')).toEqual(['pass']);
    expect(evidenceOf(EXPOSED, 'app-side')).toContain(
      `private subnet ${ids.privateSubnet} has no route to an internet gateway`,
    );
    expect(evidenceOf(EXPOSED, 'app-side')).not.toContain('side-alb');
    // The NLB keeps the clients' addresses: a group admitting only the VPC's range keeps them out.
    expect(status(EXPOSED, 'app-nlb-closed')).toEqual(['pass']);
    expect(evidenceOf(EXPOSED, 'app-nlb-closed')).toContain(
      "keeping the clients' addresses, but the security groups",
    );
    expect(evidenceOf(EXPOSED, 'app-clb')).toContain(
      'behind internet-facing load balancer classic-web (listener 80 -> port 8080)',
    );
    expect(evidenceOf(EXPOSED, 'app-internal')).not.toContain('internal-alb');
  });

  it('judges public addresses, metadata options and subnets that hand out public IPs', () => {
    expect(status('ec2_instance_no_public_ip', 'bastion')).toEqual(['fail']);
    expect(status('ec2_instance_no_public_ip', 'web-eip')).toEqual(['fail']);
    expect(status('ec2_instance_no_public_ip', 'private-ssh')).toEqual(['pass']);
    expect(status('ec2_instance_single_network_interface', 'legacy')).toEqual(['fail']);
    expect(status('ec2_instance_single_network_interface', 'bastion')).toEqual(['pass']);
    expect(status('ec2_instance_profile_attached', 'web-eip')).toEqual(['pass']);
    expect(status('ec2_instance_profile_attached', 'bastion')).toEqual(['fail']);
    expect(status('ec2_instance_imdsv2_required', 'bastion')).toEqual(['fail']);
    expect(status('ec2_instance_imdsv2_required', 'web-eip')).toEqual(['pass']);
    expect(status('ec2_subnet_no_auto_public_ip', ids.publicSubnet)).toEqual(['fail']);
    expect(status('ec2_subnet_no_auto_public_ip', ids.privateSubnet)).toEqual(['pass']);
    expect(status('ec2_elastic_ip_attached', ids.spareEip)).toEqual(['fail']);
    expect(status('ec2_elastic_ip_attached', ids.attachedEip)).toEqual(['pass']);
  });

  it('judges disk encryption, and tells public snapshots and images from private or shared ones', () => {
    expect(status('ec2_volume_encrypted', 'plain')).toEqual(['fail']);
    expect(status('ec2_volume_encrypted', 'sealed')).toEqual(['pass']);
    const byRegion = report.findings
      .filter((f) => f.controlId === 'ec2_ebs_default_encryption_enabled')
      .map((f) => `${f.region}:${f.status}`)
      .sort();
    expect(byRegion).toEqual(['eu-west-1:pass', 'us-east-1:fail']);
    expect(status('ec2_snapshot_not_public', ids.publicSnapshot)).toEqual(['fail']);
    expect(status('ec2_snapshot_not_public', ids.privateSnapshot)).toEqual(['pass']);
    expect(status('ec2_snapshot_not_public', ids.sharedSnapshot)).toEqual(['pass']);
    expect(status('ec2_image_not_public', 'bastion-image')).toEqual(['fail']);
    expect(status('ec2_image_not_public', 'quiet-image')).toEqual(['pass']);
  });

  it('judges load balancers from their attributes and listeners', () => {
    expect(status('elb_load_balancer_listeners_encrypted', 'classic-web')).toEqual(['fail']);
    expect(status('elb_load_balancer_access_logs_enabled', 'classic-web')).toEqual(['fail']);
    expect(status('elb_load_balancer_cross_zone_enabled', 'classic-web')).toEqual(['pass']);
    expect(status('elb_load_balancer_connection_draining_enabled', 'classic-web')).toEqual(['pass']);
    // In two subnets of two zones (moto leaves AvailabilityZones empty; the subnets say it).
    expect(status('elb_load_balancer_multi_az', 'classic-web')).toEqual(['pass']);
    expect(status('elbv2_alb_http_redirects_to_https', 'public-alb')).toEqual(['fail']);
    for (const control of [
      'elbv2_alb_http_redirects_to_https',
      'elbv2_alb_deletion_protection_enabled',
      'elbv2_alb_drops_invalid_header_fields',
      'elbv2_load_balancer_access_logs_enabled',
    ]) {
      expect([control, status(control, 'hardened-alb')]).toEqual([control, ['pass']]);
      expect([control, status(control, 'internal-alb')]).toEqual([control, ['fail']]);
    }
    expect(status('elbv2_alb_deletion_protection_enabled', 'public-nlb')).toEqual(['not_applicable']);
    expect(status('elbv2_load_balancer_multi_az', 'public-alb')).toEqual(['pass']);
  });

  it('judges flow logs and EC2 endpoints per VPC', () => {
    expect(status('ec2_vpc_flow_logs_enabled', 'prod')).toEqual(['pass']);
    // Accepted traffic only: rejected connection attempts leave no trace.
    expect(status('ec2_vpc_flow_logs_enabled', ids.sandboxVpc)).toEqual(['fail']);
    expect(status('ec2_vpc_ec2_endpoint_configured', 'prod')).toEqual(['pass']);
    expect(status('ec2_vpc_ec2_endpoint_configured', ids.sandboxVpc)).toEqual(['fail']);
  });
});
