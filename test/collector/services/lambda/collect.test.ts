import {
  GetPolicyCommand,
  LambdaClient,
  ListFunctionsCommand,
  ListFunctionUrlConfigsCommand,
} from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { lambdaCollector } from '../../../../collector/services/lambda';
import { testContext } from '../../harness';
import {
  accessDenied,
  emptyFunctions,
  functionsPage1,
  functionsPage2,
  noUrls,
  ordersPolicy,
  ordersUrlsPage1,
  ordersUrlsPage2,
  policyNotFound,
  publicPolicyDocument,
} from './fixtures';

const lambda = mockClient(LambdaClient);

beforeEach(() => lambda.reset());

describe('lambdaCollector', () => {
  it('follows NextMarker across pages and reads policy and URLs per function', async () => {
    // The second page is only served for the first page's token, so the test fails if the token is not sent.
    lambda.on(ListFunctionsCommand).resolves(functionsPage1);
    lambda.on(ListFunctionsCommand, { Marker: functionsPage1.NextMarker }).resolves(functionsPage2);
    lambda.on(GetPolicyCommand, { FunctionName: 'orders-api' }).resolves(ordersPolicy);
    lambda.on(GetPolicyCommand, { FunctionName: 'nightly-report' }).rejects(policyNotFound());
    lambda.on(ListFunctionUrlConfigsCommand, { FunctionName: 'orders-api' }).resolves(ordersUrlsPage1);
    lambda
      .on(ListFunctionUrlConfigsCommand, { FunctionName: 'orders-api', Marker: 'url-page-2' })
      .resolves(ordersUrlsPage2);
    lambda.on(ListFunctionUrlConfigsCommand, { FunctionName: 'nightly-report' }).resolves(noUrls);
    const run = testContext(lambdaCollector);

    await lambdaCollector.collect(run.ctx);

    // Every declared operation is used: the onboarding policy grants nothing this module does not need.
    expect(new Set(run.calls)).toEqual(new Set(lambdaCollector.operations.map((operation) => operation.api)));

    expect(run.calls.filter((call) => call === 'Lambda.ListFunctions')).toHaveLength(2);
    expect(run.assets.map((asset) => asset.name)).toEqual(['orders-api', 'nightly-report']);
    const [orders, report] = run.assets;
    expect(orders.config.Policy).toEqual({
      Policy: publicPolicyDocument,
      RevisionId: ordersPolicy.RevisionId,
    });
    expect(orders.config.FunctionUrlConfigs).toEqual({
      FunctionUrlConfigs: [...ordersUrlsPage1.FunctionUrlConfigs!, ...ordersUrlsPage2.FunctionUrlConfigs!],
    });
    expect(report.config.Policy).toBeNull();
    expect(report.readErrors).toBeUndefined();
    expect(run.relationships).toHaveLength(5);
    expect(run.failures).toEqual([]);
  });

  it('emits nothing and reports nothing for a region without functions', async () => {
    lambda.on(ListFunctionsCommand).resolves(emptyFunctions);
    const run = testContext(lambdaCollector);

    await lambdaCollector.collect(run.ctx);

    expect(run.assets).toEqual([]);
    expect(run.failures).toEqual([]);
    expect(run.calls).toEqual(['Lambda.ListFunctions']);
  });

  it('records a denied policy read on the function and keeps collecting', async () => {
    lambda.on(ListFunctionsCommand).resolves(functionsPage2);
    lambda.on(GetPolicyCommand).rejects(accessDenied('lambda:GetPolicy'));
    lambda.on(ListFunctionUrlConfigsCommand).resolves(noUrls);
    const run = testContext(lambdaCollector);

    await lambdaCollector.collect(run.ctx);

    expect(run.assets).toHaveLength(1);
    expect(run.assets[0].config).not.toHaveProperty('Policy');
    expect(run.assets[0].readErrors).toEqual({ Policy: 'AccessDeniedException' });
  });

  it('marks the type failed and throws when ListFunctions is denied', async () => {
    const denied = accessDenied('lambda:ListFunctions');
    lambda.on(ListFunctionsCommand).rejects(denied);
    const run = testContext(lambdaCollector);

    await expect(lambdaCollector.collect(run.ctx)).rejects.toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
    });
    expect(run.failures).toEqual([{ type: 'aws_lambda_function', error: denied }]);
    expect(run.assets).toEqual([]);
  });

  it('keeps the first page when a later page fails, with the type marked incomplete', async () => {
    lambda
      .on(ListFunctionsCommand)
      .resolvesOnce(functionsPage1)
      .rejectsOnce(accessDenied('lambda:ListFunctions'));
    lambda.on(GetPolicyCommand).rejects(policyNotFound());
    lambda.on(ListFunctionUrlConfigsCommand).resolves(noUrls);
    const run = testContext(lambdaCollector);

    await expect(lambdaCollector.collect(run.ctx)).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(run.assets.map((asset) => asset.name)).toEqual(['orders-api']);
    expect(run.failures.map((failure) => failure.type)).toEqual(['aws_lambda_function']);
  });
});
