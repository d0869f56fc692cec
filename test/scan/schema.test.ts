// docs/schemas/scan-result.schema.json is generated from api/export/schema.ts (UPDATE_SCHEMA=1 rewrites it).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { scanResultJsonSchema } from '../../api/export/schema';
import { unsupportedKeywords, validate } from './json-schema';

const SCHEMA_FILE = path.resolve(__dirname, '../../docs/schemas/scan-result.schema.json');

describe('published scan result schema', () => {
  it('is the schema the code generates (run with UPDATE_SCHEMA=1 to refresh it)', () => {
    const generated = scanResultJsonSchema();
    // The file is prettier-formatted for `npm run lint`; after a refresh run `npx prettier --write` on it.
    if (process.env.UPDATE_SCHEMA === '1')
      writeFileSync(SCHEMA_FILE, JSON.stringify(generated, null, 2) + '\n');
    expect(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'))).toEqual(generated);
  });

  it('uses only keywords the test validator understands', () => {
    expect(unsupportedKeywords(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')))).toEqual([]);
  });

  it('rejects a result whose finding has an unknown status or lacks its control id', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
    const findingsSchema = schema.properties.findings;
    const errors = validate(findingsSchema, [
      {
        title: 't',
        status: 'passed',
        severity: 'high',
        accountId: '123456789012',
        region: 'global',
        resourceId: 'x',
        resourceArn: 'arn:aws:s3:::x',
        resourceType: 'aws_s3_bucket',
        reason: 'r',
        evidence: [],
        requirements: [],
      },
    ]);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringContaining('missing required "controlId"'),
        expect.stringContaining('"passed" not in enum'),
      ]),
    );
  });
});
