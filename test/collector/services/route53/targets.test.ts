// recordTargets: which AWS resource a record set names, from the DNS names AWS gives its endpoints.
import { recordTargets } from '../../../../collector/services/route53/transform';

describe('recordTargets', () => {
  it('reads the bucket of an alias to an S3 website endpoint from the record name, as AWS requires', () => {
    expect(
      recordTargets({
        Name: 'static.example.com.',
        Type: 'A',
        AliasTarget: {
          HostedZoneId: 'Z3AQBSTGFYJSTF',
          DNSName: 's3-website-us-east-1.amazonaws.com.',
          EvaluateTargetHealth: false,
        },
      }),
    ).toEqual([
      {
        Record: 'static.example.com.',
        Type: 'A',
        Alias: true,
        Kind: 's3',
        Target: 's3-website-us-east-1.amazonaws.com',
        Region: 'us-east-1',
        Bucket: 'static.example.com',
      },
    ]);
  });

  it('reads ALB (dualstack alias) and NLB regions from their DNS names', () => {
    const [alb] = recordTargets({
      Name: 'app.example.com.',
      Type: 'AAAA',
      AliasTarget: {
        HostedZoneId: 'Z32O12XQLNTSW2',
        DNSName: 'dualstack.web-alb-1234567890.eu-west-1.elb.amazonaws.com.',
        EvaluateTargetHealth: true,
      },
    });
    expect(alb).toMatchObject({
      Kind: 'elb',
      Target: 'web-alb-1234567890.eu-west-1.elb.amazonaws.com',
      Region: 'eu-west-1',
    });
    const [nlb] = recordTargets({
      Name: 'tcp.example.com.',
      Type: 'CNAME',
      TTL: 60,
      ResourceRecords: [{ Value: 'tcp-nlb-0123456789abcdef.elb.us-west-2.amazonaws.com' }],
    });
    expect(nlb).toMatchObject({ Kind: 'elb', Region: 'us-west-2' });
  });

  it('names Elastic Beanstalk targets and leaves addresses and outside names alone', () => {
    expect(
      recordTargets({
        Name: 'legacy.example.com.',
        Type: 'CNAME',
        TTL: 300,
        ResourceRecords: [{ Value: 'legacy-env.us-east-1.elasticbeanstalk.com' }],
      }),
    ).toMatchObject([{ Kind: 'elastic-beanstalk', Region: 'us-east-1' }]);
    expect(
      recordTargets({
        Name: 'vpn.example.com.',
        Type: 'A',
        TTL: 300,
        ResourceRecords: [{ Value: '203.0.113.10' }],
      }),
    ).toEqual([]);
    expect(
      recordTargets({
        Name: 'mail.example.com.',
        Type: 'CNAME',
        TTL: 300,
        ResourceRecords: [{ Value: 'ghs.googlehosted.com' }],
      }),
    ).toEqual([]);
  });
});
