/**
 * The packed table that holds the committed schema data (lib/schema/packed.ts): any gunzip reads
 * it whole, a run looks keys up and inflates only the member holding each one.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { CFN_FILE, DATA_DIR } from '../../lib/schema/data';
import { PackedTable, packTable } from '../../lib/schema/packed';

/** Entries large enough for several ~8 KB members: 400 keys of ~100 bytes of JSON each. */
const ENTRIES: Array<[string, string]> = Array.from({ length: 400 }, (_, i) => [`r\tkey_${String(i).padStart(3, '0')}`, JSON.stringify({ i, pad: 'x'.repeat(80) })]);

/** How many members (inflated pieces) a table has decoded so far. */
const inflated = (t: PackedTable) => (t as unknown as { chunks: Map<number, unknown> }).chunks.size;

describe('packTable / PackedTable', () => {
  const bytes = packTable('{"provider":"test"}', [...ENTRIES].reverse());

  test('gunzipped whole it is the header line, then key<TAB>value lines sorted by key', () => {
    const lines = zlib.gunzipSync(bytes).toString('utf8').split('\n');
    expect(lines[0]).toBe('{"provider":"test"}');
    expect(lines.slice(1, -1)).toEqual(ENTRIES.map(([k, v]) => `${k}\t${v}`));
    expect(lines[lines.length - 1]).toBe('');
  });

  test('a lookup inflates only the member holding the key; unknown keys are undefined', () => {
    const t = new PackedTable(bytes, 'test.gz');
    expect(t.header).toBe('{"provider":"test"}');
    expect(t.get('r\tkey_123')).toBe(ENTRIES[123][1]);
    expect(inflated(t)).toBe(1);
    expect(t.get('r\tkey_124')).toBe(ENTRIES[124][1]);
    expect(inflated(t)).toBe(1);
    expect(t.get('r\tkey_999')).toBeUndefined();
    expect(t.get('a_before_the_first_key')).toBeUndefined();
    expect(t.keys()).toEqual(ENTRIES.map(([k]) => k));
    expect(inflated(t)).toBeGreaterThan(4);
  });

  test('the same entries give the same bytes (committed data is reproducible)', () => {
    expect(packTable('{"provider":"test"}', ENTRIES).equals(bytes)).toBe(true);
  });

  test('a file that is not a packed table is refused with its name and how to fix it', () => {
    expect(() => new PackedTable(zlib.gzipSync('plain'), 'lib/schema/data/x.json.gz')).toThrow(
      'lib/schema/data/x.json.gz is not a stateline schema data file (no gzip member with an extra field); regenerate it with npm run schema:providers',
    );
    expect(() => new PackedTable(bytes.subarray(0, bytes.length - 5), 'cut.gz')).toThrow('cut.gz is not a stateline schema data file (its members do not match the index)');
  });

  test('keys with a newline and values with a tab are refused', () => {
    expect(() => packTable('h', [['a\nb', '1']])).toThrow('holds a newline or a tab');
    expect(() => packTable('h', [['a', '"\t"']])).toThrow('holds a newline or a tab');
  });
});

test('the committed CloudFormation data: looking up one type inflates one member of many', () => {
  const t = new PackedTable(fs.readFileSync(path.join(DATA_DIR, CFN_FILE)), CFN_FILE);
  expect(JSON.parse(t.get('AWS::EC2::VPC') as string).p.CidrBlock).toBe('s');
  expect(inflated(t)).toBe(1);
  expect(t.keys().length).toBeGreaterThan(1500);
  expect(inflated(t)).toBeGreaterThan(100);
});
