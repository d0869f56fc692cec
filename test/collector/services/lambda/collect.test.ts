import {
  GetPolicyCommand,
  LambdaClient,
  ListFunctionsCommand,
  ListFunctionUrlConfigsCommand,
  ListTagsCommand,
} from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { lambdaCollector } from '../../../../collector/services/lambda';
import { emulatorFailures } from '../../emulator-errors';
import { testContext } from '../../harness';
import {
  accessDenied,
  emptyFunctions,
  functionNotFound,
  functionsPage1,
  functionsPage2,
  noTags,
  noUrls,
  ordersPolicy,
  ordersTags,
  ordersUrlsPage1,
  ordersUrlsPage2,
  policyNotFound,
  publicPolicyDocument,
  plainFunction,
  vpcFunction,
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
    lambda.on(ListTagsCommand, { Resource: vpcFunction.FunctionArn }).resolves(ordersTags);
    lambda.on(ListTagsCommand, { Resource: plainFunction.FunctionArn }).resolves(noTags);
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
    expect(orders.tags).toEqual({ Environment: 'production', Owner: 'orders-team' });
    expect(orders.config.Tags).toEqual(ordersTags.Tags);
    expect(report.tags).toEqual({});
    expect(report.config.Tags).toEqual({});
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

  it('keeps a function whose tags are denied, with readErrors.Tags', async () => {
    lambda.on(ListFunctionsCommand).resolves(functionsPage2);
    lambda.on(GetPolicyCommand).rejects(policyNotFound());
    lambda.on(ListFunctionUrlConfigsCommand).resolves(noUrls);
    lambda.on(ListTagsCommand).rejects(accessDenied('lambda:ListTags'));
    const run = testContext(lambdaCollector);

    await lambdaCollector.collect(run.ctx);

    expect(run.assets.map((asset) => asset.name)).toEqual(['nightly-report']);
    expect(run.assets[0].readErrors).toEqual({ Tags: 'AccessDeniedException' });
    expect(run.assets[0].tags).toEqual({});
    expect(run.assets[0].config).not.toHaveProperty('Tags');
    expect(run.assets[0].config.Policy).toBeNull();
  });

  it('drops a function deleted between the list and its tag call, asking nothing more about it', async () => {
    lambda.on(ListFunctionsCommand).resolves(functionsPage1);
    lambda.on(ListFunctionsCommand, { Marker: functionsPage1.NextMarker }).resolves(functionsPage2);
    lambda.on(GetPolicyCommand).rejects(policyNotFound());
    lambda.on(ListFunctionUrlConfigsCommand).resolves(noUrls);
    lambda.on(ListTagsCommand).resolves(noTags);
    lambda
      .on(ListTagsCommand, { Resource: vpcFunction.FunctionArn })
      .rejects(functionNotFound(vpcFunction.FunctionArn));
    const run = testContext(lambdaCollector);

    await lambdaCollector.collect(run.ctx);

    expect(run.assets.map((asset) => asset.name)).toEqual(['nightly-report']);
    expect(run.relationships.every((edge) => edge.fromId !== vpcFunction.FunctionArn)).toBe(true);
    expect(lambda.commandCalls(GetPolicyCommand).map((call) => call.args[0].input.FunctionName)).toEqual([
      'nightly-report',
    ]);
    expect(run.failures).toEqual([]);
  });

  describe('against an emulator lacking an operation (or AWS failing on its side)', () => {
    function serveFunctions(): void {
      lambda.on(ListFunctionsCommand).resolves(functionsPage2);
      lambda.on(GetPolicyCommand).rejects(policyNotFound());
      lambda.on(ListFunctionUrlConfigsCommand).resolves(noUrls);
      lambda.on(ListTagsCommand).resolves(noTags);
    }

    // moto routes no ListFunctionUrlConfigs: its server answers an HTML 404 page.
    it.each(emulatorFailures('lambda', 'ListFunctionUrlConfigs'))(
      'keeps the function with readErrors.FunctionUrlConfigs when ListFunctionUrlConfigs fails: %s',
      async (_label, failure, code) => {
        serveFunctions();
        lambda.on(ListFunctionUrlConfigsCommand).rejects(failure());
        const run = testContext(lambdaCollector);
        await lambdaCollector.collect(run.ctx);
        expect(run.assets.map((asset) => [asset.name, asset.readErrors])).toEqual([
          ['nightly-report', { FunctionUrlConfigs: code }],
        ]);
        expect(run.assets[0].config.Policy).toBeNull();
        expect(run.assets[0].config.Tags).toEqual({});
        expect(run.failures).toEqual([]);
      },
    );

    it.each(emulatorFailures('lambda', 'ListTags'))(
      'keeps the function with readErrors.Tags when ListTags fails: %s',
      async (_label, failure, code) => {
        serveFunctions();
        lambda.on(ListTagsCommand).rejects(failure());
        const run = testContext(lambdaCollector);
        await lambdaCollector.collect(run.ctx);
        expect(run.assets.map((asset) => [asset.name, asset.readErrors])).toEqual([
          ['nightly-report', { Tags: code }],
        ]);
        expect(run.assets[0].config.FunctionUrlConfigs).toEqual({ FunctionUrlConfigs: [] });
        expect(run.failures).toEqual([]);
      },
    );
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
