// Encryption at rest for external IDs (AES-256-GCM). The key comes from CLOUDWARD_SECRET_KEY or from
// <dataDir>/secret.key, generated on first start. The key and plaintexts are never logged.
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

const FORMAT_VERSION = 'v1';
const IV_BYTES = 12;
// A fixed salt keeps passphrase-derived keys stable across restarts; the passphrase carries the entropy.
const PASSPHRASE_SALT = 'cloudward/secret-key/v1';

export interface SecretBox {
  encrypt(plaintext: string): string;
  decrypt(ciphertext: string): string;
}

export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretKeyError';
  }
}

/** Accepts 32 bytes as base64 or hex; anything else is treated as a passphrase and stretched with scrypt. */
export function parseSecretKey(value: string): Buffer {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw new SecretKeyError('CLOUDWARD_SECRET_KEY is empty');
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const decoded = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (decoded.length === 32) return decoded;
  }
  if (trimmed.length < 12)
    throw new SecretKeyError('CLOUDWARD_SECRET_KEY passphrase must be at least 12 characters');
  return scryptSync(trimmed, PASSPHRASE_SALT, 32);
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new SecretKeyError('secret key must be 32 bytes');
  return {
    encrypt(plaintext: string): string {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [FORMAT_VERSION, iv.toString('base64'), tag.toString('base64'), body.toString('base64')].join(
        ':',
      );
    },
    decrypt(ciphertext: string): string {
      const [version, iv, tag, body] = ciphertext.split(':');
      if (version !== FORMAT_VERSION || !iv || !tag || body === undefined) {
        throw new SecretKeyError('unrecognised ciphertext format');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
        decipher.setAuthTag(Buffer.from(tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        // GCM authentication failure: wrong key (CLOUDWARD_SECRET_KEY changed) or tampered data.
        throw new SecretKeyError('cannot decrypt: the secret key does not match the one used to encrypt');
      }
    },
  };
}

/**
 * Key from the environment, else from `<dataDir>/secret.key`, created (mode 0600) when absent.
 * `generated` tells the caller to warn that losing the file makes stored external IDs unreadable.
 */
export async function loadSecretKey(options: {
  envValue?: string;
  dataDir: string;
}): Promise<{ key: Buffer; source: 'env' | 'file'; generated: boolean }> {
  if (options.envValue !== undefined && options.envValue !== '') {
    return { key: parseSecretKey(options.envValue), source: 'env', generated: false };
  }
  const file = path.join(options.dataDir, 'secret.key');
  try {
    const content = await fs.readFile(file, 'utf8');
    return { key: parseSecretKey(content), source: 'file', generated: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await fs.mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  try {
    // `wx` fails if another process created the file meanwhile; then we read theirs.
    await fs.writeFile(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return { key: parseSecretKey(await fs.readFile(file, 'utf8')), source: 'file', generated: false };
    }
    throw error;
  }
  return { key, source: 'file', generated: true };
}
