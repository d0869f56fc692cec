"""The floor of the scan benchmark: a plain boto3 script making the minimum reads that give the data Cloudward
collects for the same estate (the same list/describe calls per region, the same per-bucket reads, the IAM
account details and credential report), on 8 threads, keeping nothing but counts.

    python3 bench/scan_floor.py http://127.0.0.1:PORT [--threads 8] [--max-attempts 3] [--regions r1,r2,r3]

--max-attempts: boto3's standard retry mode (3, AWS's default); the benchmark passes 8 under injected throttling,
Cloudward's budget for throttled calls.

Prints one JSON line: resources read by kind, and failed reads (errors other than "not configured" answers).
"""

import argparse
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit, urlunsplit

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

# Answers that mean "not configured" (a bucket without a policy): data, not failures.
ABSENT = {
    "NoSuchBucketPolicy",
    "ServerSideEncryptionConfigurationNotFoundError",
    "NoSuchPublicAccessBlockConfiguration",
    "OwnershipControlsNotFoundError",
    "NoSuchTagSet",
    "NoSuchEntity",
    "AWSOrganizationsNotInUseException",
    "InvalidAccessException",
    "ResourceNotFoundException",
    "404",  # moto's answer to GetContactInformation with no contact set (AWS: ResourceNotFoundException)
}

MAX_ATTEMPTS = [3]
lock = threading.Lock()
session = boto3.session.Session()
clients = {}
read = {}
failed = []


def count(kind, number):
    with lock:
        read[kind] = read.get(kind, 0) + number


def client(endpoint, service, region):
    # boto3 clients are thread-safe (sessions are not): one client per service and region, made under the lock.
    key = (service, region)
    with lock:
        if key not in clients:
            made = session.client(
                service,
                endpoint_url=endpoint,
                region_name=region,
                aws_access_key_id="AKIAEMULATOR",
                aws_secret_access_key="emulator-secret",
                config=Config(
                    retries={"mode": "standard", "max_attempts": MAX_ATTEMPTS[0]},
                    max_pool_connections=16,
                    s3={"addressing_style": "path"},
                ),
            )
            if service == "s3control":
                # S3 Control puts the account id in the host name; an emulator on 127.0.0.1 has no such host.
                made.meta.events.register("before-sign.s3-control.*", path_style_account)
            clients[key] = made
        return clients[key]


def path_style_account(request, **_):
    parts = urlsplit(request.url)
    host = parts.netloc.split(".", 1)[1] if parts.netloc.split(".", 1)[0].isdigit() else parts.netloc
    request.url = urlunsplit(parts._replace(netloc=host))


def call(what, work):
    try:
        return work()
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "")
        if code not in ABSENT:
            with lock:
                failed.append(f"{what}: {code}")
    except Exception as error:  # noqa: BLE001 - a failed read is counted, not fatal
        with lock:
            failed.append(f"{what}: {type(error).__name__}")
    return None


def pages(endpoint, service, region, operation, key, **params):
    """All pages of a paginated list; counts the items under `key` (`Key:label` counts them apart)."""
    field = key.split(":")[0]

    def work():
        paginator = client(endpoint, service, region).get_paginator(operation)
        total = 0
        for page in paginator.paginate(**params):
            total += len(page.get(field, []))
        count(f"{service}:{key}", total)

    call(f"{service}:{operation} {region}", work)


def single(endpoint, service, region, operation, **params):
    call(f"{service}:{operation} {region}", lambda: getattr(client(endpoint, service, region), operation)(**params))


# One unit per (service, region): the reads Cloudward's regional collectors make.
REGIONAL = [
    ("ec2", "describe_instances", "Reservations", {}),
    ("ec2", "describe_volumes", "Volumes", {}),
    ("ec2", "describe_snapshots", "Snapshots", {"OwnerIds": ["self"]}),
    ("ec2", "describe_images", "Images", {"Owners": ["self"]}),
    ("ec2", "describe_security_groups", "SecurityGroups", {}),
    ("ec2", "describe_vpcs", "Vpcs", {}),
    ("ec2", "describe_subnets", "Subnets", {}),
    ("ec2", "describe_route_tables", "RouteTables", {}),
    ("ec2", "describe_internet_gateways", "InternetGateways", {}),
    ("ec2", "describe_nat_gateways", "NatGateways", {}),
    ("ec2", "describe_network_acls", "NetworkAcls", {}),
    ("ec2", "describe_network_interfaces", "NetworkInterfaces", {}),
    ("ec2", "describe_flow_logs", "FlowLogs", {}),
    ("ec2", "describe_vpc_endpoints", "VpcEndpoints", {}),
    ("ec2", "describe_vpc_peering_connections", "VpcPeeringConnections", {}),
    ("elbv2", "describe_load_balancers", "LoadBalancers", {}),
    ("elbv2", "describe_target_groups", "TargetGroups", {}),
    ("elb", "describe_load_balancers", "LoadBalancerDescriptions", {}),
    ("kms", "list_keys", "Keys", {}),
    ("logs", "describe_log_groups", "logGroups", {}),
    ("logs", "describe_metric_filters", "metricFilters", {}),
    ("sns", "list_topics", "Topics", {}),
    ("lambda", "list_functions", "Functions", {}),
    ("apigateway", "get_rest_apis", "items", {}),
    ("eks", "list_clusters", "clusters", {}),
    ("ecr", "describe_repositories", "repositories", {}),
    ("cloudwatch", "describe_alarms", "MetricAlarms", {}),
    ("ecs", "list_clusters", "clusterArns", {}),
    ("ecs", "list_task_definition_families", "families", {}),
    ("rds", "describe_db_instances", "DBInstances", {}),
    ("rds", "describe_db_clusters", "DBClusters", {}),
    ("rds", "describe_db_snapshots", "DBSnapshots", {}),
    ("rds", "describe_db_cluster_snapshots", "DBClusterSnapshots", {}),
    ("efs", "describe_file_systems", "FileSystems", {}),
    ("guardduty", "list_detectors", "DetectorIds", {}),
    ("accessanalyzer", "list_analyzers", "analyzers", {}),
    ("acm", "list_certificates", "CertificateSummaryList", {}),
    ("backup", "list_backup_vaults", "BackupVaultList", {}),
    ("backup", "list_backup_plans", "BackupPlansList", {}),
    ("dynamodb", "list_tables", "TableNames", {}),
    ("elasticache", "describe_cache_clusters", "CacheClusters", {}),
    ("elasticache", "describe_replication_groups", "ReplicationGroups", {}),
    ("kinesis", "list_streams", "StreamNames", {}),
    ("redshift", "describe_clusters", "Clusters", {}),
    ("sagemaker", "list_notebook_instances", "NotebookInstances", {}),
    ("secretsmanager", "list_secrets", "SecretList", {}),
    ("sqs", "list_queues", "QueueUrls", {}),
    ("ssm", "describe_parameters", "Parameters", {}),
    ("ssm", "list_documents", "DocumentIdentifiers", {"Filters": [{"Key": "Owner", "Values": ["Self"]}]}),
    ("stepfunctions", "list_state_machines", "stateMachines", {}),
]
# Not paginated in boto3.
REGIONAL_SINGLE = [
    ("ec2", "describe_addresses", {}),
    ("ec2", "get_ebs_encryption_by_default", {}),
    ("cloudtrail", "describe_trails", {}),
    ("config", "describe_configuration_recorders", {}),
    ("securityhub", "describe_hub", {}),
    ("apigatewayv2", "get_apis", {}),
    ("opensearch", "list_domain_names", {}),
    ("events", "list_endpoints", {}),
    ("wafv2", "list_web_acls", {"Scope": "REGIONAL"}),
    ("inspector2", "batch_get_account_status", {}),
    ("macie2", "get_macie_session", {}),
]
BUCKET_READS = [
    "get_bucket_encryption",
    "get_public_access_block",
    "get_bucket_versioning",
    "get_bucket_logging",
    "get_bucket_policy",
    "get_bucket_policy_status",
    "get_bucket_acl",
    "get_bucket_ownership_controls",
    "get_bucket_tagging",
]


def bucket_unit(endpoint, name):
    location = call(
        f"s3:get_bucket_location {name}",
        lambda: client(endpoint, "s3", "us-east-1").get_bucket_location(Bucket=name),
    )
    region = (location or {}).get("LocationConstraint") or "us-east-1"
    for operation in BUCKET_READS:
        call(f"s3:{operation} {name}", lambda: getattr(client(endpoint, "s3", region), operation)(Bucket=name))
    count("s3:buckets", 1)


def event_buses_unit(endpoint, region):
    """Each event bus (its policy, tags and rules), as Cloudward reads EventBridge."""
    events = client(endpoint, "events", region)
    listed = call(f"events:list_event_buses {region}", lambda: events.list_event_buses())
    for bus in (listed or {}).get("EventBuses", []):
        single(endpoint, "events", region, "describe_event_bus", Name=bus["Name"])
        single(endpoint, "events", region, "list_tags_for_resource", ResourceARN=bus["Arn"])
        pages(endpoint, "events", region, "list_rules", "Rules", EventBusName=bus["Name"])


def public_snapshots_unit(endpoint, region):
    """Which of the account's snapshots anyone may restore: each candidate's createVolumePermission, as Cloudward
    confirms it."""
    ec2 = client(endpoint, "ec2", region)

    def work():
        paginator = ec2.get_paginator("describe_snapshots")
        total = 0
        for page in paginator.paginate(OwnerIds=["self"], RestorableByUserIds=["all"]):
            for snapshot in page.get("Snapshots", []):
                total += 1
                single(
                    endpoint,
                    "ec2",
                    region,
                    "describe_snapshot_attribute",
                    SnapshotId=snapshot["SnapshotId"],
                    Attribute="createVolumePermission",
                )
        count("ec2:Snapshots:public", total)

    call(f"ec2:describe_snapshots public {region}", work)


def account_unit(endpoint):
    """The account's global reads beside IAM: contacts, CloudFront, Route 53, WAF for CloudFront."""
    single(endpoint, "account", "us-east-1", "get_contact_information")
    for kind in ("BILLING", "OPERATIONS", "SECURITY"):
        single(endpoint, "account", "us-east-1", "get_alternate_contact", AlternateContactType=kind)
    single(endpoint, "cloudfront", "us-east-1", "list_distributions")
    pages(endpoint, "route53", "us-east-1", "list_hosted_zones", "HostedZones")
    single(endpoint, "wafv2", "us-east-1", "list_web_acls", Scope="CLOUDFRONT")


def credential_report(endpoint):
    iam = client(endpoint, "iam", "us-east-1")
    for _ in range(20):
        if iam.generate_credential_report().get("State") == "COMPLETE":
            break
        time.sleep(0.5)
    return iam.get_credential_report()


def iam_unit(endpoint, account):
    def details():
        paginator = client(endpoint, "iam", "us-east-1").get_paginator("get_account_authorization_details")
        for page in paginator.paginate():
            count("iam:users", len(page.get("UserDetailList", [])))
            count("iam:roles", len(page.get("RoleDetailList", [])))
            count("iam:policies", len(page.get("Policies", [])))

    call("iam:get_account_authorization_details", details)
    call("iam:credential_report", lambda: credential_report(endpoint))
    single(endpoint, "iam", "us-east-1", "get_account_summary")
    single(endpoint, "iam", "us-east-1", "get_account_password_policy")
    pages(endpoint, "iam", "us-east-1", "list_virtual_mfa_devices", "VirtualMFADevices")
    pages(endpoint, "iam", "us-east-1", "list_server_certificates", "ServerCertificateMetadataList")
    single(endpoint, "s3control", "us-east-1", "get_public_access_block", AccountId=account)
    single(endpoint, "organizations", "us-east-1", "describe_organization")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("endpoint")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--max-attempts", type=int, default=3)
    parser.add_argument("--regions", default="us-east-1,eu-west-1,ap-southeast-2")
    args = parser.parse_args()
    regions = args.regions.split(",")
    MAX_ATTEMPTS[0] = args.max_attempts
    account = client(args.endpoint, "sts", "us-east-1").get_caller_identity()["Account"]
    with ThreadPoolExecutor(max_workers=args.threads) as pool:
        jobs = [pool.submit(iam_unit, args.endpoint, account), pool.submit(account_unit, args.endpoint)]
        for region in regions:
            jobs.append(pool.submit(event_buses_unit, args.endpoint, region))
            jobs.append(pool.submit(public_snapshots_unit, args.endpoint, region))
            for service, operation, key, params in REGIONAL:
                jobs.append(pool.submit(pages, args.endpoint, service, region, operation, key, **params))
            for service, operation, params in REGIONAL_SINGLE:
                jobs.append(pool.submit(single, args.endpoint, service, region, operation, **params))
        buckets = call("s3:list_buckets", lambda: client(args.endpoint, "s3", "us-east-1").list_buckets())
        for bucket in (buckets or {}).get("Buckets", []):
            jobs.append(pool.submit(bucket_unit, args.endpoint, bucket["Name"]))
        for job in jobs:
            job.result()
    print(json.dumps({"read": read, "failed": failed}))


if __name__ == "__main__":
    main()
