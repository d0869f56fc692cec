// The demo estate's SSM, ElastiCache, Redshift, OpenSearch and Backup answers, read through the real collector and
// evaluator: each control shows both verdicts where the estate was built to.
import { loadDemoForFile } from './fixtures';

const demo = loadDemoForFile();
const { verdicts } = demo;

describe('demo data services', () => {
  it('reads them without a replay miss', () => {
    expect(demo.result.replayMisses).toEqual([]);
  });

  it('SSM: a public document in Staging, a secret-named plain String in Production', async () => {
    expect(await verdicts('Production', 'ssm_document_not_public')).toEqual(['restart-orders-app: pass']);
    expect(await verdicts('Staging', 'ssm_document_not_public')).toEqual(['staging-debug-tools: fail']);
    expect(await verdicts('Production', 'ssm_parameter_secret_uses_securestring')).toEqual([
      'db-password: pass',
      'ftp-password: fail',
      'queue-url: not_applicable',
    ]);
  });

  it('ElastiCache: a well kept Redis 7 group in Production, a bare Redis 5 group in Staging', async () => {
    for (const control of [
      'elasticache_replication_group_encrypted_at_rest',
      'elasticache_replication_group_encrypted_in_transit',
    ]) {
      expect(await verdicts('Production', control)).toEqual(['orders-cache: pass']);
      expect(await verdicts('Staging', control)).toEqual(['legacy-cache: fail']);
    }
    expect(await verdicts('Production', 'elasticache_replication_group_redis_auth_enabled')).toEqual([
      'orders-cache: not_applicable',
    ]);
    expect(await verdicts('Staging', 'elasticache_replication_group_redis_auth_enabled')).toEqual([
      'legacy-cache: fail',
    ]);
    expect(await verdicts('Staging', 'elasticache_redis_automatic_backups_enabled')).toEqual([
      'legacy-cache-001: not_applicable',
      'legacy-cache: fail',
      'staging-pages: not_applicable',
    ]);
    expect(await verdicts('Staging', 'elasticache_cluster_auto_minor_version_upgrade_enabled')).toEqual([
      'legacy-cache-001: fail',
      'staging-pages: pass',
    ]);
  });

  it('Redshift: a private, encrypted, logged, TLS-only warehouse in Production; the opposite in Staging', async () => {
    for (const control of [
      'redshift_cluster_not_publicly_accessible',
      'redshift_cluster_encrypted_at_rest',
      'redshift_cluster_audit_logging_enabled',
      'redshift_cluster_require_ssl',
    ]) {
      expect(await verdicts('Production', control)).toEqual(['production-analytics: pass']);
      expect(await verdicts('Staging', control)).toEqual(['staging-adhoc: fail']);
    }
  });

  it("OpenSearch: a VPC domain in Production passes; Staging's public, open domain fails", async () => {
    for (const control of [
      'opensearch_domain_encrypted_at_rest',
      'opensearch_domain_in_vpc',
      'opensearch_domain_node_to_node_encryption_enabled',
      'opensearch_domain_tls_1_2_required',
      'opensearch_domain_not_public',
    ]) {
      expect(await verdicts('Production', control)).toEqual(['production-logs: pass']);
      expect(await verdicts('Staging', control)).toEqual(['staging-search: fail']);
    }
  });

  it('Backup: a plan where Production keeps data, none in Staging; one vault under a customer managed key', async () => {
    // One result per region read; the data stores and the plan are in the first region.
    expect(await verdicts('Production', 'backup_plan_exists_where_data_stores_exist')).toContain(
      'region: pass',
    );
    expect(await verdicts('Staging', 'backup_plan_exists_where_data_stores_exist')).toContain('region: fail');
    expect(await verdicts('Production', 'backup_vault_encrypted_with_cmk')).toEqual([
      'Default: fail',
      'payments: pass',
    ]);
  });
});
