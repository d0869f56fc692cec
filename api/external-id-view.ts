// External IDs of accounts and organization connections, the one way: encrypted before they are stored, shown in
// full only to admins on single reads, masked otherwise, and never an error when the key changed.
import { generateExternalId, maskExternalId } from './account-rules';
import type { AppContext } from './context';
import { hasRole, HttpProblem, PROBLEM_TYPES, type Principal } from './http';

/** The ciphertext to store for `given`, or for a freshly generated external ID when absent. */
export function sealExternalId(
  context: Pick<AppContext, 'secrets'>,
  given: string | undefined,
): { ciphertext: string; generated: boolean } {
  return {
    ciphertext: context.secrets.encrypt(given ?? generateExternalId()),
    generated: given === undefined,
  };
}

export interface ExternalIdView {
  externalId: string;
  externalIdMasked: boolean;
}

/**
 * Plaintext when `reveal` and the caller is an admin, else masked to its last four characters; `owner` names the
 * record in the warning logged when the ciphertext was made under another CLOUDWARD_SECRET_KEY (shown as ********).
 */
export function showExternalId(
  context: Pick<AppContext, 'secrets' | 'logger'>,
  ciphertext: string,
  options: { principal?: Principal; reveal: boolean; owner: string },
): ExternalIdView {
  let plaintext: string;
  try {
    plaintext = context.secrets.decrypt(ciphertext);
  } catch {
    context.logger.warn(`external ID of ${options.owner} cannot be decrypted with the current secret key`);
    return { externalId: '********', externalIdMasked: true };
  }
  const showPlain = options.reveal && options.principal !== undefined && hasRole(options.principal, 'admin');
  return { externalId: showPlain ? plaintext : maskExternalId(plaintext), externalIdMasked: !showPlain };
}

/** The plaintext for an AWS call; 409 naming the fix when the stored ciphertext is under another key. */
export function openExternalId(context: Pick<AppContext, 'secrets'>, ciphertext: string): string {
  try {
    return context.secrets.decrypt(ciphertext);
  } catch {
    throw new HttpProblem(
      409,
      'Conflict',
      'The external ID cannot be decrypted with the current CLOUDWARD_SECRET_KEY; set the key it was stored with, or PATCH a new externalId.',
      { type: PROBLEM_TYPES.conflict },
    );
  }
}
