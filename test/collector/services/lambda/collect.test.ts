import {
  GetFunctionUrlConfigCommand,
  GetPolicyCommand,
  LambdaClient,
  ListAliasesCommand,
  ListFunctionsCommand,
  ListFunctionUrlConfigsCommand,
  ListTagsCommand,
} from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { lambdaCollector } from '../../../../collector/services/lambda';
import {
  emulatorFailures,
  internalFailure,
  localstackNotImplemented,
  motoHtmlErrorPage,
} from '../../emulator-errors';
import { testContext } from '../../harness';
import {
  accessDenied,
  emptyFunctions,
  functionNotFound,
  functionsPage1,
  functionsPage2,
  noAliases,
  noTags,
  noUrls,
  ordersAliases,
  ordersLiveUrl,
  ordersPolicy,
  ordersUrl,
  ordersTags,
  ordersUrlsPage1,
  ordersUrlsPage2,
  policyNotFound,
  publicPolicyDocument,
  plainFunction,
  vpcFunction,
} from './fixtures';

const lambda = mockClient(LambdaClient);
/** Asked only where ListFunctionUrlConfigs is not served. */
const URL_FALLBACK = ['Lambda.ListAliases', 'Lambda.GetFunctionUrlConfig'];

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

    // Every declared operation is used (the URL fallback's in its own test below): the onboarding policy grants
    // nothing this module does not need.
    expect(new Set(run.calls)).toEqual(
      new Set(
        lambdaCollector.operations
          .map((operation) => operation.api)
          .filter((api) => !URL_FALLBACK.includes(api)),
      ),
    );

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

    // moto routes no ListFunctionUrlConfigs (an HTML 404 page); LocalStack answers 501 for what it lacks.
    it.each([
      ['moto 404 page (no route)', () => motoHtmlErrorPage(404)],
      ['LocalStack 501 not implemented', () => localstackNotImplemented('lambda', 'ListFunctionUrlConfigs')],
    ])(
      'reads each URL with GetFunctionUrlConfig (function and aliases) when ListFunctionUrlConfigs is not served: %s',
      async (_label, failure) => {
        lambda.on(ListFunctionsCommand).resolves(functionsPage1);
        lambda.on(ListFunctionsCommand, { Marker: functionsPage1.NextMarker }).resolves(functionsPage2);
        lambda.on(GetPolicyCommand).rejects(policyNotFound());
        lambda.on(ListTagsCommand).resolves(noTags);
        lambda.on(ListFunctionUrlConfigsCommand).rejects(failure());
        lambda.on(ListAliasesCommand, { FunctionName: 'orders-api' }).resolves(ordersAliases);
        lambda.on(ListAliasesCommand, { FunctionName: 'nightly-report' }).resolves(noAliases);
        lambda.on(GetFunctionUrlConfigCommand).rejects(policyNotFound());
        lambda
          .on(GetFunctionUrlConfigCommand, { FunctionName: 'orders-api', Qualifier: undefined })
          .resolves(ordersUrl);
        lambda
          .on(GetFunctionUrlConfigCommand, { FunctionName: 'orders-api', Qualifier: 'live' })
          .resolves(ordersLiveUrl);
        const run = testContext(lambdaCollector);

        await lambdaCollector.collect(run.ctx);

        const [orders, report] = run.assets;
        expect(orders.config.FunctionUrlConfigs).toEqual({
          FunctionUrlConfigs: [
            { ...ordersUrlsPage1.FunctionUrlConfigs![0], InvokeMode: 'BUFFERED' },
            { ...ordersUrlsPage2.FunctionUrlConfigs![0], InvokeMode: 'BUFFERED' },
          ],
        });
        expect(report.config.FunctionUrlConfigs).toEqual({ FunctionUrlConfigs: [] });
        expect(run.assets.map((asset) => asset.readErrors)).toEqual([undefined, undefined]);
        // Once the list is known not to be served, it is not asked again for the next function.
        expect(lambda.commandCalls(ListFunctionUrlConfigsCommand)).toHaveLength(1);
        expect(
          lambda
            .commandCalls(GetFunctionUrlConfigCommand)
            .map((call) => call.args[0].input.Qualifier ?? '(none)'),
        ).toEqual(['(none)', 'live', '(none)']);
        for (const api of URL_FALLBACK) expect(run.calls).toContain(api);
        expect(run.failures).toEqual([]);
      },
    );

    it('lists a URL once when the endpoint answers the same URL for the function and its alias', async () => {
      serveFunctions();
      lambda.on(ListFunctionUrlConfigsCommand).rejects(motoHtmlErrorPage(404));
      lambda.on(ListAliasesCommand).resolves(ordersAliases);
      lambda.on(GetFunctionUrlConfigCommand).resolves(ordersUrl);
      const run = testContext(lambdaCollector);
      await lambdaCollector.collect(run.ctx);
      expect(run.assets[0].config.FunctionUrlConfigs).toEqual({
        FunctionUrlConfigs: [{ ...ordersUrlsPage1.FunctionUrlConfigs![0], InvokeMode: 'BUFFERED' }],
      });
      expect(lambda.commandCalls(GetFunctionUrlConfigCommand)).toHaveLength(2);
    });

    it('records the alias read error rather than a URL list that might miss an alias URL', async () => {
      serveFunctions();
      lambda.on(ListFunctionUrlConfigsCommand).rejects(motoHtmlErrorPage(404));
      lambda.on(ListAliasesCommand).rejects(accessDenied('lambda:ListAliases'));
      lambda.on(GetFunctionUrlConfigCommand).resolves(ordersUrl);
      const run = testContext(lambdaCollector);
      await lambdaCollector.collect(run.ctx);
      expect(run.assets.map((asset) => [asset.name, asset.readErrors])).toEqual([
        ['nightly-report', { FunctionUrlConfigs: 'AccessDeniedException' }],
      ]);
      expect(run.assets[0].config).not.toHaveProperty('FunctionUrlConfigs');
    });

    // AWS refusing or failing the request is not "not served": no guess from other calls.
    it.each([
      ['AccessDeniedException', () => accessDenied('lambda:ListFunctionUrlConfigs')],
      ['InternalFailure', internalFailure],
      ...emulatorFailures('lambda', 'ListFunctionUrlConfigs')
        .filter(([, , code]) => !['HttpStatus404', 'InternalFailure'].includes(code))
        .map(([, failure, code]) => [code, failure] as [string, () => Error]),
    ])(
      'keeps the function with readErrors.FunctionUrlConfigs when ListFunctionUrlConfigs fails: %s',
      async (code, failure) => {
        serveFunctions();
        lambda.on(ListFunctionUrlConfigsCommand).rejects(failure());
        const run = testContext(lambdaCollector);
        await lambdaCollector.collect(run.ctx);
        expect(run.assets.map((asset) => [asset.name, asset.readErrors])).toEqual([
          ['nightly-report', { FunctionUrlConfigs: code }],
        ]);
        expect(run.assets[0].config.Policy).toBeNull();
        expect(run.assets[0].config.Tags).toEqual({});
        expect(lambda.commandCalls(GetFunctionUrlConfigCommand)).toHaveLength(0);
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
