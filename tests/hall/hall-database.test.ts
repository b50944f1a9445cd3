import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openHallDatabase } from '../../src/hall/hall-database.js';
import { createPrefills } from '../../src/hall/prefills.js';
import { createSqliteHallStore } from '../../src/hall/storage/sqlite-store.js';
import { DatabaseKeyError } from '../../src/storage/sqlite.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir('onewindow-halldb-');
const KEY = 'cd'.repeat(32);

describe('the hall database on SQLite', () => {
  it('is encrypted: a pre-filled name is not in the file, and the key in a file or the environment opens it', async () => {
    const dir = tempDir();
    const file = join(dir, 'hall.db');
    const keyFile = join(dir, 'hall.key');
    writeFileSync(keyFile, `${KEY}\n`, { mode: 0o600 });
    const db = openHallDatabase(file, { keyFile }, {});
    await createPrefills(createSqliteHallStore(db, file), 24, () => new Date('2026-11-27T02:00:00Z')).create(
      {
        request: { kind: 'item', code: '11440300MB2C92179L4442111004000', answers: {} },
        title: '个体工商户设立登记',
        formId: 'f1',
        values: { name: '欧阳娜娜' },
        catalogVersion: 'v1',
      },
      { terminalId: 'kiosk-01', role: 'kiosk', window: null },
    );
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(file);
    expect(bytes.includes(Buffer.from('欧阳娜娜'))).toBe(false);
    expect(bytes.subarray(0, 15).toString()).not.toBe('SQLite format 3');

    const again = openHallDatabase(file, {}, { ONEWINDOW_HALL_KEY: KEY });
    expect(again.prepare('SELECT count(*) AS n FROM prefills').get()).toEqual({ n: 1 });
    again.close();
    expect(() => openHallDatabase(file, {}, { ONEWINDOW_HALL_KEY: 'ef'.repeat(32) })).toThrow(DatabaseKeyError);
  });

  it('refuses to start without a key, saying how to give one, unless told to run unencrypted', () => {
    const dir = tempDir();
    expect(() => openHallDatabase(join(dir, 'hall.db'), {}, {})).toThrow(
      /set ONEWINDOW_HALL_KEY or give --key-file .* --unencrypted is for development only/,
    );
    expect(() => openHallDatabase(join(dir, 'hall.db'), {}, { ONEWINDOW_HALL_KEY: 'short' })).toThrow(
      /hall database key in \$ONEWINDOW_HALL_KEY must be 64 hex digits/,
    );
    const plain = openHallDatabase(join(dir, 'plain.db'), { unencrypted: true }, {});
    plain.close();
    expect(readFileSync(join(dir, 'plain.db')).subarray(0, 15).toString()).toBe('SQLite format 3');
  });
});
