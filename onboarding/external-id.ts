// External IDs: generated per connection, crypto-random. AWS allows 2-1224 characters of [\w+=,.@:/-];
// we generate only letters and digits so the value survives copy/paste into shells, YAML and URLs unquoted.
import { randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const GENERATED_EXTERNAL_ID_LENGTH = 32;
export const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]{2,1224}$/;

export function generateExternalId(length = GENERATED_EXTERNAL_ID_LENGTH): string {
  let id = '';
  // randomInt is uniform (rejection sampling inside), so no modulo bias.
  for (let index = 0; index < length; index += 1) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}
