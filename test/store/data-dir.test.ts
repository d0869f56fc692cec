import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore } from '../../store';
import { newAccountInput } from './engines';

describe('embedded PGlite on disk', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'cloudward-store-')), 'data');
  });
  afterAll(() => rmSync(path.dirname(dataDir), { recursive: true, force: true }));

  test('creates <dataDir>/pglite and keeps data across restarts', async () => {
    const first = await openStore({ dataDir });
    expect(first.engine).toBe('pglite');
    const account = await first.createAccount(newAccountInput());
    await first.close();
    expect(existsSync(path.join(dataDir, 'pglite'))).toBe(true);

    const second = await openStore({ dataDir });
    try {
      expect(await second.getAccount(account.id)).toEqual(account);
    } finally {
      await second.close();
    }
  }, 120_000);
});
