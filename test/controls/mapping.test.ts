// Framework mappings: every requirement points to existing controls, every built-in control is used by a
// framework (or says standalone: true), and each framework's requirement list is complete and well formed, with
// spot checks of requirement -> control pairs. Frameworks of control objectives (ISO, NIST, PCI DSS, SOC 2, HIPAA)
// are automated exactly where a control checks the AWS side, and each requirement's description says what or why.
import { readControlFiles, readFrameworkFiles } from './helpers';

const controls = readControlFiles();
const controlIds = new Set(controls.map((entry) => String(entry.data.id)));
const frameworks = readFrameworkFiles();
const frameworkById = new Map(frameworks.map((entry) => [entry.data.id, entry.data]));

/**
 * Automated requirements that have no control yet, each with the reason. Keep this list short and explained:
 * the test fails if an automated requirement lacks controls and is not listed here.
 */
const knownAutomatedGaps: Record<string, string[]> = {};

/** Frameworks of control objectives: automated where Cloudward checks the AWS side, manual otherwise. */
const objectiveFrameworks = [
  'hipaa-security-rule',
  'iso-27001-2022',
  'nist-800-53-rev5',
  'nist-csf-2.0',
  'pci-dss-4.0.1',
  'soc2-2017',
];
const mappedBy = (frameworkId: string, requirementId: string) => {
  const requirement = frameworkById.get(frameworkId)!.requirements.find((r) => r.id === requirementId);
  if (!requirement) throw new Error(`${frameworkId} has no requirement ${requirementId}`);
  return requirement;
};

describe('framework mappings', () => {
  it('ships the framework files with stable ids', () => {
    expect(frameworks.map((entry) => entry.data.id).sort()).toEqual([
      'aws-fsbp',
      'cis-aws-3.0.0',
      'cis-aws-5.0.0',
      'cis-aws-6.0.0',
      'cis-aws-7.0.0',
      'hipaa-security-rule',
      'iso-27001-2022',
      'nist-800-53-rev5',
      'nist-csf-2.0',
      'pci-dss-4.0.1',
      'soc2-2017',
    ]);
  });

  it.each(frameworks.map((entry) => [entry.data.id, entry.data] as const))(
    '%s: every requirement names only controls that exist',
    (_id, framework) => {
      const missing = framework.requirements.flatMap((requirement) =>
        requirement.controls.filter((id) => !controlIds.has(id)).map((id) => `${requirement.id} -> ${id}`),
      );
      expect(missing).toEqual([]);
    },
  );

  it.each(frameworks.map((entry) => [entry.data.id, entry.data] as const))(
    '%s: every automated requirement maps to at least one control',
    (id, framework) => {
      const gaps = knownAutomatedGaps[id] ?? [];
      const unmapped = framework.requirements
        .filter((requirement) => requirement.assessment === 'automated' && requirement.controls.length === 0)
        .map((requirement) => requirement.id)
        .filter((requirementId) => !gaps.includes(requirementId));
      expect(unmapped).toEqual([]);
    },
  );

  it.each(frameworks.map((entry) => [entry.data.id, entry.data] as const))(
    '%s: requirement and section ids are unique strings and every section exists',
    (_id, framework) => {
      const requirementIds = framework.requirements.map((requirement) => requirement.id);
      expect(requirementIds.every((id) => typeof id === 'string')).toBe(true);
      expect(new Set(requirementIds).size).toBe(requirementIds.length);
      const sectionIds = new Set(framework.sections.map((section) => section.id));
      const orphans = framework.requirements.filter(
        (requirement) => !sectionIds.has(String(requirement.section)),
      );
      expect(orphans.map((requirement) => requirement.id)).toEqual([]);
    },
  );

  it.each(frameworks.map((entry) => [entry.data.id, entry.data] as const))(
    '%s: a requirement without controls is manual, and says why or what an automated one checks',
    (_id, framework) => {
      const unmarked = framework.requirements.filter(
        (requirement) => requirement.controls.length === 0 && requirement.assessment !== 'manual',
      );
      expect(unmarked.map((requirement) => requirement.id)).toEqual(knownAutomatedGaps[framework.id] ?? []);
      if (!objectiveFrameworks.includes(framework.id)) return;
      const misjudged = framework.requirements.filter(
        (requirement) => (requirement.assessment === 'manual') !== (requirement.controls.length === 0),
      );
      expect(misjudged.map((requirement) => requirement.id)).toEqual([]);
      const unexplained = framework.requirements.filter((requirement) =>
        requirement.controls.length === 0
          ? !/^Not decided automatically: /.test(requirement.description ?? '')
          : !/^Cloudward checks /.test(requirement.description ?? ''),
      );
      expect(unexplained.map((requirement) => requirement.id)).toEqual([]);
    },
  );

  it('maps no control that says standalone: true (that flag means no framework maps it)', () => {
    const standalone = new Set(
      controls.filter((entry) => entry.data.standalone === true).map((entry) => String(entry.data.id)),
    );
    const mapped = frameworks.flatMap((entry) =>
      entry.data.requirements.flatMap((requirement) =>
        requirement.controls
          .filter((id) => standalone.has(id))
          .map((id) => `${entry.data.id} ${requirement.id} -> ${id}`),
      ),
    );
    expect(mapped).toEqual([]);
  });

  it('uses every control that is not marked standalone', () => {
    const used = new Set(frameworks.flatMap((entry) => entry.data.requirements.flatMap((r) => r.controls)));
    const unused = controls
      .filter((entry) => entry.data.standalone !== true && !used.has(String(entry.data.id)))
      .map((entry) => String(entry.data.id));
    expect(unused).toEqual([]);
  });

  it('CIS 7.0.0 lists all 70 published requirements, 34 automated and 36 manual', () => {
    const cis = frameworkById.get('cis-aws-7.0.0')!;
    expect(cis.requirements).toHaveLength(70);
    expect(cis.requirements.filter((r) => r.assessment === 'automated')).toHaveLength(34);
    expect(cis.requirements.filter((r) => r.assessment === 'manual')).toHaveLength(36);
    expect(cis.requirements[0]).toMatchObject({
      id: '2.1.1',
      title: 'Ensure centralized root access in AWS Organizations',
    });
    expect(cis.requirements.find((r) => r.id === '2.4')).toMatchObject({
      title: "Ensure no 'root' user account access key exists",
      assessment: 'automated',
      controls: ['iam_root_user_no_access_keys'],
    });
  });

  it('CIS 3.0.0 lists its 62 requirements in five sections', () => {
    const cis = frameworkById.get('cis-aws-3.0.0')!;
    expect(cis.requirements).toHaveLength(62);
    expect(new Set(cis.requirements.map((r) => r.id.split('.')[0]))).toEqual(
      new Set(['1', '2', '3', '4', '5']),
    );
    expect(cis.source).toMatch(/cis_3\.0_aws\.json/);
  });

  it('CIS 5.0.0 lists its 63 requirements, 35 automated and 28 manual, with 1.10 where Prowler writes 1.1', () => {
    const cis = frameworkById.get('cis-aws-5.0.0')!;
    expect(cis.requirements).toHaveLength(63);
    expect(cis.requirements.filter((r) => r.assessment === 'automated')).toHaveLength(35);
    expect(cis.requirements.filter((r) => r.assessment === 'manual')).toHaveLength(28);
    expect(cis.requirements.find((r) => r.id === '1.10')).toMatchObject({
      title: 'Do not create access keys during initial setup for IAM users with a console password',
      assessment: 'manual',
      controls: ['iam_user_no_unused_initial_access_keys'],
    });
    expect(cis.requirements.find((r) => r.id === '1.12')).toMatchObject({
      title: 'Ensure there is only one active access key for any single IAM user',
      controls: ['iam_user_single_active_access_key'],
    });
    expect(cis.requirements.find((r) => r.id === '5.1.2')).toMatchObject({
      section: '5.1',
      controls: ['ec2_security_group_no_public_cifs_ingress'],
    });
    expect(cis.requirements.find((r) => r.id === '2.1.3')).toMatchObject({
      assessment: 'manual',
      controls: [],
    });
    expect(cis.source).toMatch(/cis_5\.0_aws\.json/);
  });

  it('CIS 6.0.0 is 5.0.0 renumbered: same titles, statuses and controls, each section one higher', () => {
    const five = frameworkById.get('cis-aws-5.0.0')!;
    const six = frameworkById.get('cis-aws-6.0.0')!;
    const renumber = (id: string) => id.replace(/^\d+/, (head) => String(Number(head) + 1));
    expect(six.requirements.map((r) => r.id)).toEqual(five.requirements.map((r) => renumber(r.id)));
    const shape = (r: (typeof six.requirements)[number]) => [r.title, r.assessment, r.controls];
    expect(six.requirements.map(shape)).toEqual(five.requirements.map(shape));
    expect(six.requirements.find((r) => r.id === '6.7')).toMatchObject({
      title: 'Ensure that the EC2 Metadata Service only allows IMDSv2',
      controls: ['ec2_instance_imdsv2_required'],
    });
    expect(six.requirements.find((r) => r.id === '3.1.4')!.controls).toEqual([
      's3_bucket_public_access_block_enabled',
      's3_account_public_access_block_enabled',
    ]);
    expect(six.sections.map((section) => section.id)).toEqual([
      '2',
      '3',
      '3.1',
      '3.2',
      '3.3',
      '4',
      '5',
      '6',
      '6.1',
    ]);
  });

  it('shares one control between frameworks where the check is the same', () => {
    const mappedBy = (frameworkId: string, requirementId: string) =>
      frameworkById.get(frameworkId)!.requirements.find((r) => r.id === requirementId)!.controls;
    expect(mappedBy('cis-aws-7.0.0', '2.4')).toEqual(mappedBy('aws-fsbp', 'IAM.4'));
    expect(mappedBy('cis-aws-7.0.0', '2.4')).toEqual(mappedBy('cis-aws-3.0.0', '1.4'));
    expect(mappedBy('cis-aws-7.0.0', '6.7')).toEqual(mappedBy('aws-fsbp', 'EC2.8'));
    expect(mappedBy('cis-aws-5.0.0', '1.3')).toEqual(mappedBy('cis-aws-7.0.0', '2.4'));
    expect(mappedBy('cis-aws-5.0.0', '5.3')).toEqual(mappedBy('cis-aws-7.0.0', '6.3'));
  });

  it('FSBP requirement ids look like <Service>.<number> and sit in their service section', () => {
    const fsbp = frameworkById.get('aws-fsbp')!;
    for (const requirement of fsbp.requirements) {
      expect(requirement.id).toMatch(/^[A-Za-z0-9]+\.\d+$/);
      expect(requirement.section).toBe(requirement.id.split('.')[0]);
    }
    expect(fsbp.requirements.length).toBeGreaterThanOrEqual(60);
  });

  it('ISO/IEC 27001:2022 lists the 93 Annex A controls in its four themes', () => {
    const iso = frameworkById.get('iso-27001-2022')!;
    expect(iso.requirements).toHaveLength(93);
    const perTheme = (theme: string) => iso.requirements.filter((r) => r.section === theme).length;
    expect([perTheme('A.5'), perTheme('A.6'), perTheme('A.7'), perTheme('A.8')]).toEqual([37, 8, 14, 34]);
    expect(mappedBy('iso-27001-2022', 'A.8.24')).toMatchObject({
      title: 'Use of cryptography',
      assessment: 'automated',
    });
    expect(mappedBy('iso-27001-2022', 'A.8.24').controls).toEqual(
      expect.arrayContaining([
        's3_bucket_kms_encryption_enabled',
        'rds_db_instance_storage_encrypted',
        'kms_key_rotation_enabled',
      ]),
    );
    expect(mappedBy('iso-27001-2022', 'A.8.5').controls).toContain('iam_user_console_mfa_enabled');
    expect(mappedBy('iso-27001-2022', 'A.8.20').controls).toContain(
      'ec2_security_group_no_public_ssh_ingress',
    );
    expect(mappedBy('iso-27001-2022', 'A.8.13').controls).toContain(
      'rds_db_instance_backup_retention_7_days',
    );
    // network rules are not cryptography, and physical security is never automated
    expect(
      mappedBy('iso-27001-2022', 'A.8.24').controls.filter((id) => id.startsWith('ec2_security_group')),
    ).toEqual([]);
    expect(iso.requirements.filter((r) => r.section === 'A.7' && r.assessment !== 'manual')).toEqual([]);
    expect(mappedBy('iso-27001-2022', 'A.5.34')).toMatchObject({ assessment: 'manual', controls: [] });
  });

  it('NIST CSF 2.0 lists the 106 subcategories under their six functions and 22 categories', () => {
    const csf = frameworkById.get('nist-csf-2.0')!;
    expect(csf.requirements).toHaveLength(106);
    expect(csf.sections.filter((section) => !section.id.includes('.')).map((section) => section.id)).toEqual([
      'GV',
      'ID',
      'PR',
      'DE',
      'RS',
      'RC',
    ]);
    expect(csf.sections.filter((section) => section.id.includes('.'))).toHaveLength(22);
    for (const requirement of csf.requirements) {
      expect(requirement.id).toMatch(/^[A-Z]{2}\.[A-Z]{2}-\d\d$/);
      expect(requirement.section).toBe(requirement.id.split('-')[0]);
    }
    expect(mappedBy('nist-csf-2.0', 'PR.DS-01')).toMatchObject({
      title: 'The confidentiality, integrity, and availability of data-at-rest are protected',
      assessment: 'automated',
    });
    expect(mappedBy('nist-csf-2.0', 'PR.DS-01').controls).toEqual(
      expect.arrayContaining([
        'ec2_volume_encrypted',
        'efs_file_system_encrypted',
        'rds_db_cluster_storage_encrypted',
      ]),
    );
    expect(mappedBy('nist-csf-2.0', 'PR.DS-02').controls).toContain('s3_bucket_secure_transport_required');
    expect(mappedBy('nist-csf-2.0', 'PR.DS-02').controls).not.toContain('s3_bucket_kms_encryption_enabled');
    expect(mappedBy('nist-csf-2.0', 'DE.CM-01').controls).toContain('ec2_vpc_flow_logs_enabled');
    expect(mappedBy('nist-csf-2.0', 'PR.AA-03').controls).toContain('iam_user_console_mfa_enabled');
    expect(csf.requirements.filter((r) => r.id.startsWith('GV.') && r.assessment !== 'manual')).toEqual([]);
  });

  it('SOC 2 lists the 61 criteria of the 2017 Trust Services Criteria, each in its series', () => {
    const soc2 = frameworkById.get('soc2-2017')!;
    expect(soc2.requirements).toHaveLength(61);
    const count = (prefix: RegExp) => soc2.requirements.filter((r) => prefix.test(r.id)).length;
    expect([count(/^CC/), count(/^A1\./), count(/^C1\./), count(/^PI1\./), count(/^P\d\./)]).toEqual([
      33, 3, 2, 5, 18,
    ]);
    for (const requirement of soc2.requirements)
      expect(requirement.section).toBe(requirement.id.split('.')[0]);
    expect(mappedBy('soc2-2017', 'CC6.7').title).toMatch(
      /^The entity restricts the transmission, movement, and removal of information/,
    );
    expect(mappedBy('soc2-2017', 'CC6.7').controls).toEqual(
      expect.arrayContaining(['s3_bucket_secure_transport_required', 'elbv2_alb_http_redirects_to_https']),
    );
    expect(mappedBy('soc2-2017', 'CC6.6').controls).toContain('ec2_security_group_no_public_rdp_ingress');
    expect(mappedBy('soc2-2017', 'A1.2').controls).toContain('rds_db_instance_multi_az_enabled');
    expect(mappedBy('soc2-2017', 'CC1.1')).toMatchObject({ assessment: 'manual', controls: [] });
    expect(mappedBy('soc2-2017', 'CC6.4')).toMatchObject({ assessment: 'manual', controls: [] });
  });

  it('HIPAA lists every standard and implementation specification of 45 CFR 164.308 to 164.316', () => {
    const hipaa = frameworkById.get('hipaa-security-rule')!;
    expect(hipaa.requirements).toHaveLength(65);
    const per = (section: string) => hipaa.requirements.filter((r) => r.section === section).length;
    expect(['164.308', '164.310', '164.312', '164.314', '164.316'].map(per)).toEqual([30, 12, 12, 6, 5]);
    for (const requirement of hipaa.requirements) {
      expect(requirement.id.startsWith(requirement.section!)).toBe(true);
      expect(requirement.description).toMatch(/\((A standard|A required|An addressable) [^)]*\.\)$/);
    }
    expect(mappedBy('hipaa-security-rule', '164.312(a)(2)(iv)')).toMatchObject({
      title: 'Encryption and decryption',
      assessment: 'automated',
    });
    expect(mappedBy('hipaa-security-rule', '164.312(a)(2)(iv)').controls).toContain(
      'rds_db_instance_storage_encrypted',
    );
    expect(mappedBy('hipaa-security-rule', '164.312(e)(2)(ii)').controls).toContain(
      'elb_load_balancer_listeners_encrypted',
    );
    expect(mappedBy('hipaa-security-rule', '164.312(b)').controls).toContain(
      'cloudtrail_multi_region_trail_logging',
    );
    expect(mappedBy('hipaa-security-rule', '164.308(a)(5)(ii)(C)').controls).toEqual([
      'cloudwatch_console_authentication_failures_alarm_configured',
      'cloudwatch_console_signin_without_mfa_alarm_configured',
      'cloudwatch_root_account_usage_alarm_configured',
    ]);
    expect(hipaa.requirements.filter((r) => r.section === '164.310' && r.assessment !== 'manual')).toEqual(
      [],
    );
  });

  it('NIST SP 800-53 Rev. 5 lists a cloud-configuration subset with the catalog titles and says the rest is out of scope', () => {
    const nist = frameworkById.get('nist-800-53-rev5')!;
    expect(nist.description).toMatch(/out of scope/);
    for (const requirement of nist.requirements) {
      expect(requirement.id).toMatch(/^[A-Z]{2}-\d+(\(\d+\))?$/);
      expect(requirement.section).toBe(requirement.id.slice(0, 2));
    }
    expect(nist.sections.find((section) => section.id === 'SC')?.title).toBe(
      'System and Communications Protection',
    );
    expect(mappedBy('nist-800-53-rev5', 'SC-28')).toMatchObject({
      title: 'Protection of Information at Rest',
    });
    expect(mappedBy('nist-800-53-rev5', 'SC-28').controls).toContain('s3_bucket_kms_encryption_enabled');
    expect(mappedBy('nist-800-53-rev5', 'IA-2(1)')).toMatchObject({
      title: 'Multi-factor Authentication to Privileged Accounts',
      controls: ['iam_root_user_mfa_enabled', 'iam_root_user_hardware_mfa_enabled'],
    });
    expect(mappedBy('nist-800-53-rev5', 'IA-2(2)').controls).toEqual(['iam_user_console_mfa_enabled']);
    expect(mappedBy('nist-800-53-rev5', 'AU-9(3)').controls).toEqual([
      'cloudtrail_trail_log_file_validation_enabled',
    ]);
    expect(mappedBy('nist-800-53-rev5', 'SC-7(5)').title).toBe('Deny by Default — Allow by Exception');
    expect(mappedBy('nist-800-53-rev5', 'AU-6')).toMatchObject({ assessment: 'manual', controls: [] });
    // families whose controls are about people, premises or paperwork are left out, not listed as manual
    expect(nist.sections.map((section) => section.id)).not.toContain('PE');
    expect(nist.sections.map((section) => section.id)).not.toContain('PS');
  });

  it('PCI DSS v4.0.1 lists the defined-approach requirements of the 12 principal requirements', () => {
    const pci = frameworkById.get('pci-dss-4.0.1')!;
    expect(pci.requirements).toHaveLength(249);
    expect(pci.sections.filter((section) => !section.id.includes('.'))).toHaveLength(12);
    for (const requirement of pci.requirements) {
      expect(requirement.id).toMatch(/^\d+\.\d+\.\d+(\.\d+)?$/);
      expect(requirement.section).toBe(requirement.id.split('.').slice(0, 2).join('.'));
    }
    expect(mappedBy('pci-dss-4.0.1', '8.2.6')).toMatchObject({
      title: 'Inactive user accounts are removed or disabled within 90 days of inactivity.',
      controls: ['iam_user_credentials_unused_90_days_disabled'],
    });
    expect(mappedBy('pci-dss-4.0.1', '10.2.1.4')).toMatchObject({
      title: 'Audit logs capture all invalid logical access attempts.',
      controls: ['cloudtrail_multi_region_trail_logging'],
    });
    expect(mappedBy('pci-dss-4.0.1', '10.3.4').controls).toEqual([
      'cloudtrail_trail_log_file_validation_enabled',
    ]);
    expect(mappedBy('pci-dss-4.0.1', '4.2.1').controls).toContain('s3_bucket_secure_transport_required');
    expect(mappedBy('pci-dss-4.0.1', '1.3.1').controls).toContain('ec2_security_group_no_public_ssh_ingress');
    // PCI DSS's password thresholds (12 characters, 4 remembered), not CIS's (14, 24): a 12-character policy passes
    expect(mappedBy('pci-dss-4.0.1', '8.3.6').controls).toEqual([
      'iam_password_policy_min_length_12_alphanumeric',
    ]);
    expect(mappedBy('pci-dss-4.0.1', '8.3.7').controls).toEqual(['iam_password_policy_reuse_prevention_4']);
    expect(mappedBy('pci-dss-4.0.1', '8.3.9')).toMatchObject({ assessment: 'manual', controls: [] });
    expect(pci.requirements.filter((r) => r.section!.startsWith('9.') && r.assessment !== 'manual')).toEqual(
      [],
    );
  });
});
