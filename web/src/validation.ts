// The rules POST /accounts applies (api/account-rules.ts), checked here so a typo is explained at once.
const ROLE_ARN =
  /^arn:(aws|aws-cn|aws-us-gov|aws-eusc):iam::(\d{12}):role\/(?:[\x21-\x2e\x30-\x7e]+\/)*[\w+=,.@-]{1,64}$/;

export function accountIdError(value: string): string | null {
  if (!value || /^\d{12}$/.test(value)) return null;
  return /\D/.test(value)
    ? 'An AWS account ID has only digits (12 of them).'
    : `An AWS account ID has 12 digits; this one has ${value.length}.`;
}

export function externalIdError(value: string): string | null {
  if (!value) return 'Enter an external ID (the random one is fine).';
  if (value.length < 2) return 'The external ID needs at least 2 characters.';
  if (value.length > 1224) return 'The external ID can have at most 1224 characters.';
  if (!/^[\w+=,.@:/-]+$/.test(value))
    return 'The external ID may only contain letters, digits and + = , . @ : / - _ (no spaces).';
  return null;
}

export function roleArnError(value: string, awsAccountId: string): string | null {
  if (!value) return 'Enter the ARN of the role you created.';
  const match = ROLE_ARN.exec(value);
  if (!match)
    return `That is not an IAM role ARN. It looks like arn:aws:iam::${awsAccountId || '123456789012'}:role/CloudwardReadOnly.`;
  if (awsAccountId && match[2] !== awsAccountId)
    return `This role is in account ${match[2]}, but you are adding account ${awsAccountId}: create the role in ${awsAccountId}.`;
  return null;
}
