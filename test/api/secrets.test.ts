import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createSecretBox, loadSecretKey, parseSecretKey } from '../../api/secrets';
import { generateExternalId, parseRoleArn } from '../../api/account-rules';
import { AWS_REGIONS, findRegion } from '../../api/regions';

describe('secret box', () => {
  test('round-trips and never shows the plaintext in the ciphertext', () => {
    const box = createSecretBox(randomBytes(32));
    const ciphertext = box.encrypt('external-id-123');
    expect(ciphertext).not.toContain('external-id-123');
    expect(box.encrypt('external-id-123')).not.toBe(ciphertext); // fresh IV each time
    expect(box.decrypt(ciphertext)).toBe('external-id-123');
  });

  test('refuses to decrypt with another key or tampered data', () => {
    const ciphertext = createSecretBox(randomBytes(32)).encrypt('secret');
    expect(() => createSecretBox(randomBytes(32)).decrypt(ciphertext)).toThrow(/does not match/);
    expect(() => createSecretBox(randomBytes(32)).decrypt('garbage')).toThrow(/format/);
  });

  test('accepts 32-byte keys as hex or base64, and stretches passphrases', () => {
    const key = randomBytes(32);
    expect(parseSecretKey(key.toString('hex')).equals(key)).toBe(true);
    expect(parseSecretKey(key.toString('base64')).equals(key)).toBe(true);
    const fromPassphrase = parseSecretKey('correct horse battery staple');
    expect(fromPassphrase).toHaveLength(32);
    expect(parseSecretKey('correct horse battery staple').equals(fromPassphrase)).toBe(true);
    expect(() => parseSecretKey('short')).toThrow(/at least 12/);
  });

  test('generates <dataDir>/secret.key with mode 0600 once, then reuses it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cloudward-key-'));
    const first = await loadSecretKey({ dataDir: dir });
    expect(first).toMatchObject({ source: 'file', generated: true });
    expect(statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    const second = await loadSecretKey({ dataDir: dir });
    expect(second.generated).toBe(false);
    expect(second.key.equals(first.key)).toBe(true);
    expect(readFileSync(path.join(dir, 'secret.key'), 'utf8').trim()).toBe(first.key.toString('base64'));
  });

  test('CLOUDWARD_SECRET_KEY wins over the file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cloudward-key-'));
    const key = randomBytes(32);
    const loaded = await loadSecretKey({ dataDir: dir, envValue: key.toString('hex') });
    expect(loaded).toMatchObject({ source: 'env', generated: false });
    expect(loaded.key.equals(key)).toBe(true);
  });
});

describe('account rules', () => {
  test('generated external IDs are 32 characters within the AWS alphabet and differ', () => {
    const ids = new Set(Array.from({ length: 200 }, generateExternalId));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  test('parses role ARNs with paths and partitions, and rejects other ARNs', () => {
    expect(parseRoleArn('arn:aws:iam::123456789012:role/a/b/Cloudward')).toEqual({
      partition: 'aws',
      accountId: '123456789012',
      path: '/a/b/',
      roleName: 'Cloudward',
    });
    expect(parseRoleArn('arn:aws-us-gov:iam::123456789012:role/x')).toMatchObject({
      partition: 'aws-us-gov',
    });
    for (const bad of [
      'arn:aws:iam::123456789012:user/x',
      'arn:aws:iam::12345678901:role/x',
      'arn:aws:sts::123456789012:role/x',
      'arn:aws:iam::123456789012:role/',
      `arn:aws:iam::123456789012:role/${'x'.repeat(65)}`,
    ]) {
      expect(parseRoleArn(bad)).toBeNull();
    }
  });

  test('the region list has unique codes and marks opt-in regions', () => {
    expect(new Set(AWS_REGIONS.map((region) => region.code)).size).toBe(AWS_REGIONS.length);
    expect(findRegion('af-south-1')).toMatchObject({ optIn: true, partition: 'aws' });
    expect(findRegion('eu-west-1')).toMatchObject({ optIn: false });
    expect(findRegion('global')).toBeUndefined();
  });
});
