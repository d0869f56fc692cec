// Which Lambda function an integration invokes. REST integrations carry the invocation URI
// `arn:aws:apigateway:{r}:lambda:path/2015-03-31/functions/{functionArn}/invocations`; HTTP API integrations carry
// either that or the function ARN itself. Aliases/versions are stripped (the function asset is unqualified) and
// targets chosen at run time through stage variables cannot be resolved, so they are skipped.
const FUNCTION_ARN =
  /arn:(aws[a-z-]*):lambda:([a-z0-9-]+):(\d{12}):function:([A-Za-z0-9_-]+)(?::[A-Za-z0-9_$-]+)?/;

export function lambdaFunctionArn(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  const match = FUNCTION_ARN.exec(uri);
  if (!match) return undefined;
  const [, partition, region, accountId, name] = match;
  // A name followed by `${stageVariables...}` is only a prefix of the real name.
  const after = uri.slice((match.index ?? 0) + match[0].length);
  if (after.startsWith('${')) return undefined;
  return `arn:${partition}:lambda:${region}:${accountId}:function:${name}`;
}
