"""Logging and monitoring estate for test/emulator/monitoring.test.ts: CloudTrail, CloudWatch Logs metric filters,
alarms and SNS topics (the CIS monitoring chain), AWS Config, GuardDuty and Security Hub, made with boto3 in moto.

Usage: monitoring_estate.py ENDPOINT_URL [full|bare]
  full: a well-run us-east-1 next to misconfigured pieces; eu-west-1 half set up.
  bare: only trails that do NOT log all management events account-wide (stopped, single-region, write-only,
        data-only advanced selectors, management without KMS events), for the account-level controls to fail;
        no Config, GuardDuty or Security Hub anywhere.
Prints the ids the test needs as JSON on the last line.
"""

import json
import sys

import boto3

ENDPOINT = sys.argv[1]
VARIANT = sys.argv[2] if len(sys.argv) > 2 else "full"
ACCOUNT = "123456789012"


def client(service, region="us-east-1"):
    return boto3.client(
        service,
        region_name=region,
        endpoint_url=ENDPOINT,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


s3 = client("s3")
ids = {}


def bucket(name, public=False, access_log_target=None, acl=None):
    s3.create_bucket(Bucket=name, **({"ACL": acl} if acl else {}))
    if public:
        s3.put_public_access_block(
            Bucket=name,
            PublicAccessBlockConfiguration={
                "BlockPublicAcls": False,
                "IgnorePublicAcls": False,
                "BlockPublicPolicy": False,
                "RestrictPublicBuckets": False,
            },
        )
        s3.put_bucket_policy(
            Bucket=name,
            Policy=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": "*",
                            "Action": "s3:GetObject",
                            "Resource": f"arn:aws:s3:::{name}/*",
                        }
                    ],
                }
            ),
        )
    else:
        s3.put_public_access_block(
            Bucket=name,
            PublicAccessBlockConfiguration={
                "BlockPublicAcls": True,
                "IgnorePublicAcls": True,
                "BlockPublicPolicy": True,
                "RestrictPublicBuckets": True,
            },
        )
    if access_log_target:
        s3.put_bucket_logging(
            Bucket=name,
            BucketLoggingStatus={
                "LoggingEnabled": {"TargetBucket": access_log_target, "TargetPrefix": f"{name}/"}
            },
        )


def trail(name, bucket_name, region="us-east-1", start=True, **kwargs):
    ct = client("cloudtrail", region)
    ct.create_trail(Name=name, S3BucketName=bucket_name, **kwargs)
    if start:
        ct.start_logging(Name=name)
    return ct


MANAGEMENT_ALL = [{"ReadWriteType": "All", "IncludeManagementEvents": True, "DataResources": []}]


def bare():
    bucket("bare-trail-logs")
    trail("stopped-trail", "bare-trail-logs", IsMultiRegionTrail=True, start=False)
    trail("single-region-trail", "bare-trail-logs")
    ct = trail("write-only-trail", "bare-trail-logs", IsMultiRegionTrail=True)
    ct.put_event_selectors(
        TrailName="write-only-trail",
        EventSelectors=[{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": True}],
    )
    # The data-only trail feeds a log group holding a complete CIS chain: no management event ever reaches it.
    logs = client("logs")
    logs.create_log_group(logGroupName="cloudtrail/data-only")
    ct = trail(
        "data-only-trail",
        "bare-trail-logs",
        IsMultiRegionTrail=True,
        CloudWatchLogsLogGroupArn=f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:cloudtrail/data-only:*",
        CloudWatchLogsRoleArn=f"arn:aws:iam::{ACCOUNT}:role/CloudTrailToLogs",
    )
    logs.put_metric_filter(
        logGroupName="cloudtrail/data-only",
        filterName="unauthorized-api-calls",
        filterPattern='{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
        metricTransformations=[
            {"metricName": "unauthorized-api-calls", "metricNamespace": "CISBenchmark", "metricValue": "1"}
        ],
    )
    sns = client("sns")
    topic = sns.create_topic(Name="security-alerts")["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="email", Endpoint="secops@example.com")
    client("cloudwatch").put_metric_alarm(
        AlarmName="unauthorized-api-calls-alarm",
        MetricName="unauthorized-api-calls",
        Namespace="CISBenchmark",
        Statistic="Sum",
        Period=300,
        EvaluationPeriods=1,
        Threshold=1,
        ComparisonOperator="GreaterThanOrEqualToThreshold",
        AlarmActions=[topic],
    )
    ct.put_event_selectors(
        TrailName="data-only-trail",
        AdvancedEventSelectors=[
            {
                "Name": "S3 data events only",
                "FieldSelectors": [
                    {"Field": "eventCategory", "Equals": ["Data"]},
                    {"Field": "resources.type", "Equals": ["AWS::S3::Object"]},
                ],
            }
        ],
    )
    ct = trail("no-kms-events-trail", "bare-trail-logs", IsMultiRegionTrail=True)
    ct.put_event_selectors(
        TrailName="no-kms-events-trail",
        EventSelectors=[
            {
                "ReadWriteType": "All",
                "IncludeManagementEvents": True,
                "ExcludeManagementEventSources": ["kms.amazonaws.com"],
            }
        ],
    )


def full():
    logs = client("logs")
    cloudwatch = client("cloudwatch")
    sns = client("sns")
    kms = client("kms")

    # Buckets: the main trail's bucket is private with access logging; another trail's bucket is public and unlogged.
    bucket("access-logs-bucket", acl="log-delivery-write")
    bucket("trail-main-logs", access_log_target="access-logs-bucket")
    bucket("trail-public-logs", public=True)

    key = kms.create_key(Description="cloudtrail")["KeyMetadata"]["Arn"]
    for group in ["cloudtrail/main", "cloudtrail/stopped", "cloudtrail/single", "app/orphan"]:
        logs.create_log_group(logGroupName=group)

    def group_arn(name):
        return f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:{name}:*"

    role = f"arn:aws:iam::{ACCOUNT}:role/CloudTrailToLogs"
    # The well-run trail: all regions, default selectors (all management events), validation, KMS, CloudWatch Logs.
    trail(
        "main-trail",
        "trail-main-logs",
        IsMultiRegionTrail=True,
        EnableLogFileValidation=True,
        KmsKeyId=key,
        CloudWatchLogsLogGroupArn=group_arn("cloudtrail/main"),
        CloudWatchLogsRoleArn=role,
    )
    # Data events on S3 objects: legacy selectors for writes only, advanced selectors for reads and writes.
    ct = trail("data-write-trail", "trail-main-logs", IsMultiRegionTrail=True)
    ct.put_event_selectors(
        TrailName="data-write-trail",
        EventSelectors=[
            {
                "ReadWriteType": "WriteOnly",
                "IncludeManagementEvents": False,
                "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}],
            }
        ],
    )
    # A stopped trail and a single-region trail feed their own log groups (metric filters there count for nothing).
    ct = trail(
        "stopped-trail",
        "trail-public-logs",
        IsMultiRegionTrail=True,
        start=False,
        CloudWatchLogsLogGroupArn=group_arn("cloudtrail/stopped"),
        CloudWatchLogsRoleArn=role,
    )
    # The only selectors for S3 object reads are on the stopped trail: reads are not logged.
    ct.put_event_selectors(
        TrailName="stopped-trail",
        EventSelectors=[
            {
                "ReadWriteType": "ReadOnly",
                "IncludeManagementEvents": True,
                "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}],
            }
        ],
    )
    trail(
        "single-region-trail",
        "trail-public-logs",
        CloudWatchLogsLogGroupArn=group_arn("cloudtrail/single"),
        CloudWatchLogsRoleArn=role,
    )
    bucket("eu-trail-logs", access_log_target="access-logs-bucket")
    trail("eu-trail", "eu-trail-logs", region="eu-west-1", EnableLogFileValidation=True)

    # SNS: one topic with a subscriber, one without.
    alerts = sns.create_topic(Name="security-alerts")["TopicArn"]
    sns.subscribe(TopicArn=alerts, Protocol="email", Endpoint="secops@example.com")
    silent = sns.create_topic(Name="nobody-listens")["TopicArn"]

    def chain(name, pattern, group="cloudtrail/main", alarm=True, actions=None):
        logs.put_metric_filter(
            logGroupName=group,
            filterName=name,
            filterPattern=pattern,
            metricTransformations=[
                {"metricName": name, "metricNamespace": "CISBenchmark", "metricValue": "1"}
            ],
        )
        if alarm:
            cloudwatch.put_metric_alarm(
                AlarmName=f"{name}-alarm",
                MetricName=name,
                Namespace="CISBenchmark",
                Statistic="Sum",
                Period=300,
                EvaluationPeriods=1,
                Threshold=1,
                ComparisonOperator="GreaterThanOrEqualToThreshold",
                AlarmActions=[alerts] if actions is None else actions,
            )

    # Complete chains (pass), with CIS's patterns and with equivalent ones written differently.
    chain(
        "unauthorized-api-calls",
        '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
    )
    chain(
        "root-usage",
        '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
    )
    chain(
        "cloudtrail-changes",
        "{($.eventName=CreateTrail)||($.eventName=UpdateTrail)||($.eventName=DeleteTrail)"
        "||($.eventName=StartLogging)||($.eventName=StopLogging)}",
    )
    chain(
        "kms-key-changes",
        '{ ($.eventSource = "kms.amazonaws.com") && (($.eventName = "DisableKey") || ($.eventName = "ScheduleKeyDeletion")) }',
    )
    # Broken chains (fail): each misses one piece.
    chain(  # on a log group no trail feeds
        "console-no-mfa",
        '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
        group="app/orphan",
    )
    chain(  # alarm without actions
        "iam-policy-changes",
        "{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)"
        "||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)"
        "||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)"
        "||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)"
        "||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)"
        "||($.eventName=DetachGroupPolicy)}",
        actions=[],
    )
    chain(  # topic nobody subscribed to
        "security-group-changes",
        "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || "
        "($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || "
        "($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }",
        actions=[silent],
    )
    chain(  # no alarm at all
        "console-auth-failures",
        '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
        alarm=False,
    )
    chain(  # on the stopped trail's log group
        "nacl-changes",
        "{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || "
        "($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || "
        "($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }",
        group="cloudtrail/stopped",
    )
    chain(  # on the single-region trail's log group
        "gateway-changes",
        "{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || "
        "($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || "
        "($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }",
        group="cloudtrail/single",
    )
    chain(  # a pattern missing one of CIS's events (DeleteRoute)
        "route-table-changes",
        "{ ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || "
        "($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || "
        "($.eventName = DisassociateRouteTable) }",
    )

    # AWS Config: recording everything in us-east-1, stopped in eu-west-1 (absent: the bare estate).
    for region, start in [("us-east-1", True), ("eu-west-1", False)]:
        config = client("config", region)
        config.put_configuration_recorder(
            ConfigurationRecorder={
                "name": "default",
                "roleARN": f"arn:aws:iam::{ACCOUNT}:role/config",
                "recordingGroup": {"allSupported": True, "includeGlobalResourceTypes": True},
            }
        )
        config.put_delivery_channel(
            DeliveryChannel={"name": "default", "s3BucketName": "access-logs-bucket"}
        )
        if start:
            config.start_configuration_recorder(ConfigurationRecorderName="default")

    # GuardDuty: enabled with S3 protection (as the older data source, no S3_DATA_EVENTS feature) and RDS
    # protection (as a feature) in us-east-1, suspended in eu-west-1.
    on = client("guardduty").create_detector(
        Enable=True,
        DataSources={"S3Logs": {"Enable": True}},
        Features=[{"Name": "RDS_LOGIN_EVENTS", "Status": "ENABLED"}],
    )
    off = client("guardduty", "eu-west-1").create_detector(
        Enable=False,
        Features=[
            {"Name": "S3_DATA_EVENTS", "Status": "DISABLED"},
            {"Name": "RDS_LOGIN_EVENTS", "Status": "DISABLED"},
        ],
    )
    ids["detectorOn"] = on["DetectorId"]
    ids["detectorOff"] = off["DetectorId"]

    # Security Hub: on in us-east-1 only.
    client("securityhub").enable_security_hub(EnableDefaultStandards=False)


bare() if VARIANT == "bare" else full()
print(json.dumps(ids))
