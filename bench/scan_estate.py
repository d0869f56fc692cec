"""Seeds the scan benchmark's estate into an AWS endpoint (moto_server) with boto3.

    python3 bench/scan_estate.py http://127.0.0.1:PORT [--scale 0.1]

At --scale 1: 2,000 instances, 500 security groups, 300 buckets and 400 IAM principals (250 users, 150 roles)
over 3 regions. Counts scale linearly (at least one of each). Prints one JSON line with what it created.
"""

import argparse
import json
import sys
from concurrent.futures import ThreadPoolExecutor

import boto3
from botocore.config import Config

REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"]

ASSUME_EC2 = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}],
    }
)
READ_POLICY = json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
)
ADMIN_POLICY = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})


def client(endpoint, service, region="us-east-1"):
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id="AKIAEMULATOR",
        aws_secret_access_key="emulator-secret",
        config=Config(retries={"max_attempts": 2}, max_pool_connections=16, s3={"addressing_style": "path"}),
    )


def share(total, parts, index):
    """The index-th of `parts` near-equal shares of `total`."""
    return total // parts + (1 if index < total % parts else 0)


def seed_region(endpoint, region, index, counts):
    ec2 = client(endpoint, "ec2", region)
    # The account's own image, as a real account's instances usually run: the benchmark starts moto without its
    # thousands of public AMIs (see bench/scan-bench.ts).
    ami = ec2.register_image(
        Name=f"bench-base-{region}", RootDeviceName="/dev/xvda", Architecture="x86_64", VirtualizationType="hvm"
    )["ImageId"]
    vpc = ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
    groups = []
    for number in range(share(counts["security_groups"], len(REGIONS), index)):
        group = ec2.create_security_group(
            GroupName=f"bench-sg-{region}-{number}", Description="scan benchmark", VpcId=vpc
        )["GroupId"]
        # Every fifth group opens SSH to the internet, the rest allow HTTPS from a private range.
        cidr, port = ("0.0.0.0/0", 22) if number % 5 == 0 else ("10.0.0.0/8", 443)
        ec2.authorize_security_group_ingress(
            GroupId=group,
            IpPermissions=[{"IpProtocol": "tcp", "FromPort": port, "ToPort": port, "IpRanges": [{"CidrIp": cidr}]}],
        )
        groups.append(group)
    remaining = share(counts["instances"], len(REGIONS), index)
    batch = 0
    while remaining > 0:
        count = min(remaining, 100)
        ec2.run_instances(
            ImageId=ami,
            InstanceType="t3.micro",
            MinCount=count,
            MaxCount=count,
            SecurityGroupIds=[groups[batch % len(groups)]] if groups else [],
            MetadataOptions={"HttpTokens": "required" if batch % 2 == 0 else "optional"},
            TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "bench", "Value": str(batch)}]}],
        )
        remaining -= count
        batch += 1


def seed_bucket(endpoint, number):
    region = REGIONS[number % len(REGIONS)]
    s3 = client(endpoint, "s3", region)
    name = f"bench-bucket-{number:05d}"
    if region == "us-east-1":
        s3.create_bucket(Bucket=name)
    else:
        s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": region})
    if number % 2 == 0:
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    if number % 3 == 0:
        s3.put_public_access_block(
            Bucket=name,
            PublicAccessBlockConfiguration={
                "BlockPublicAcls": True,
                "IgnorePublicAcls": True,
                "BlockPublicPolicy": True,
                "RestrictPublicBuckets": True,
            },
        )
    if number % 4 == 0:
        s3.put_bucket_policy(
            Bucket=name,
            Policy=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Deny",
                            "Principal": "*",
                            "Action": "s3:*",
                            "Resource": [f"arn:aws:s3:::{name}", f"arn:aws:s3:::{name}/*"],
                            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                        }
                    ],
                }
            ),
        )


def seed_user(endpoint, number, arns):
    iam = client(endpoint, "iam")
    name = f"bench-user-{number:04d}"
    iam.create_user(UserName=name)
    if number % 2 == 0:
        iam.create_access_key(UserName=name)
    if number % 3 == 0:
        iam.put_user_policy(UserName=name, PolicyName="inline-read", PolicyDocument=READ_POLICY)
    if number % 10 == 0:
        iam.attach_user_policy(UserName=name, PolicyArn=arns["read"])


def seed_role(endpoint, number, arns):
    iam = client(endpoint, "iam")
    name = f"bench-role-{number:04d}"
    iam.create_role(RoleName=name, AssumeRolePolicyDocument=ASSUME_EC2)
    iam.attach_role_policy(RoleName=name, PolicyArn=arns["admin"] if number % 7 == 0 else arns["read"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("endpoint")
    parser.add_argument("--scale", type=float, default=0.1)
    args = parser.parse_args()
    if args.scale <= 0:
        sys.exit("--scale must be above 0")
    scaled = lambda base: max(1, round(base * args.scale))  # noqa: E731
    counts = {
        "instances": scaled(2000),
        "security_groups": scaled(500),
        "buckets": scaled(300),
        "users": scaled(250),
        "roles": scaled(150),
    }
    iam = client(args.endpoint, "iam")
    arns = {
        "admin": iam.create_policy(PolicyName="bench-admin", PolicyDocument=ADMIN_POLICY)["Policy"]["Arn"],
        "read": iam.create_policy(PolicyName="bench-read", PolicyDocument=READ_POLICY)["Policy"]["Arn"],
    }
    with ThreadPoolExecutor(max_workers=8) as pool:
        jobs = [pool.submit(seed_region, args.endpoint, region, index, counts) for index, region in enumerate(REGIONS)]
        jobs += [pool.submit(seed_bucket, args.endpoint, number) for number in range(counts["buckets"])]
        jobs += [pool.submit(seed_user, args.endpoint, number, arns) for number in range(counts["users"])]
        jobs += [pool.submit(seed_role, args.endpoint, number, arns) for number in range(counts["roles"])]
        for job in jobs:
            job.result()
    print(json.dumps({**counts, "regions": len(REGIONS)}))


if __name__ == "__main__":
    main()
