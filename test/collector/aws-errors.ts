// AWS errors as SDK v3 raises them: `name` is AWS's error code, `$fault` and `$metadata.httpStatusCode` as sent.
import { EC2ServiceException } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2ServiceException } from '@aws-sdk/client-elastic-load-balancing-v2';

type ExceptionClass = new (options: {
  name: string;
  $fault: 'client' | 'server';
  $metadata: { httpStatusCode: number; requestId: string };
  message: string;
}) => Error;

export function serviceError(
  Exception: ExceptionClass,
  name: string,
  httpStatusCode: number,
  message = name,
): Error {
  return new Exception({
    name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode, requestId: '5e0d1b4a-0000-4000-8000-000000000001' },
    message,
  });
}

export const ec2Error = (name: string, httpStatusCode: number, message?: string) =>
  serviceError(EC2ServiceException as unknown as ExceptionClass, name, httpStatusCode, message);
export const elbv2Error = (name: string, httpStatusCode: number, message?: string) =>
  serviceError(
    ElasticLoadBalancingV2ServiceException as unknown as ExceptionClass,
    name,
    httpStatusCode,
    message,
  );

/** EC2's answer when the role lacks the permission. */
export const ec2AccessDenied = () =>
  ec2Error('UnauthorizedOperation', 403, 'You are not authorized to perform this operation.');
/** EC2's answer in a region the account has not enabled. */
export const ec2OptInRequired = () =>
  ec2Error(
    'OptInRequired',
    401,
    'You are not subscribed to this service. Please go to http://aws.amazon.com to subscribe.',
  );
