/**
 * The topology record `diff` reads from each output directory (stateline.topology.json): read
 * through the guarded readers, and anything that is not a record refused with the file, what
 * was expected and what was found.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MAX_RECORD_BYTES, readRecordedTopology, serializeTopology, TOPOLOGY_FILE } from '../../lib/diff/topology-record';
import { DEFAULT_TOPOLOGY } from '../../lib/topology/default';
import { UserInputError } from '../../lib/topology/problems';

let root: string;
beforeAll(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-record-')); });
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function dirWith(content: string | Buffer | undefined): string {
  const dir = fs.mkdtempSync(path.join(root, 'out-'));
  if (content !== undefined) fs.writeFileSync(path.join(dir, TOPOLOGY_FILE), content);
  return dir;
}

function failure(dir: string): string {
  try {
    readRecordedTopology(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(UserInputError);
    return (e as Error).message;
  }
  throw new Error('expected the record to be refused');
}

describe('readRecordedTopology', () => {
  test('a record round-trips; no record is undefined (diff then reads no topology)', () => {
    expect(readRecordedTopology(dirWith(serializeTopology(DEFAULT_TOPOLOGY)))).toEqual(JSON.parse(JSON.stringify(DEFAULT_TOPOLOGY)));
    expect(readRecordedTopology(dirWith(undefined))).toBeUndefined();
  });

  test('v2 is written; a v1 record (written before tool documents were recorded portably) is still read', () => {
    expect(JSON.parse(serializeTopology({ name: 'x' })).format).toBe('stateline.topology/v2');
    expect(readRecordedTopology(dirWith(JSON.stringify({ format: 'stateline.topology/v1', topology: { name: 'x' } })))).toEqual({ name: 'x' });
  });

  test.each([
    ['another format', JSON.stringify({ format: 'stateline.topology/v0', topology: {} }), /expected "format": "stateline\.topology\/v2" or "stateline\.topology\/v1"; got "stateline\.topology\/v0"/],
    ['no format', JSON.stringify({ topology: {} }), /got no format\)/],
    ['null', 'null', /got a null\)/],
    ['an array', '[1, 2]', /got no format\)/],
    ['a string', '"stateline"', /got a string\)/],
    ['a null topology', JSON.stringify({ format: 'stateline.topology/v2', topology: null }), /got "stateline\.topology\/v2"/],
  ])('%s: refused, naming the file and what it expected', (_what, content, reason) => {
    const dir = dirWith(content);
    const message = failure(dir);
    expect(message).toContain(path.join(path.relative(process.cwd(), dir), TOPOLOGY_FILE));
    expect(message).toMatch(/is not a stateline topology record/);
    expect(message).toMatch(reason);
  });

  test('binary data, UTF-16 and oversize files are refused by the text guards, naming the file', () => {
    expect(failure(dirWith(Buffer.from([0x7b, 0x00, 0x7d])))).toMatch(/stateline\.topology\.json: binary data \(a NUL byte at line 1, column 2\)/);
    expect(failure(dirWith(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{}', 'utf16le')])))).toMatch(/stateline\.topology\.json: the file is UTF-16/);
    expect(failure(dirWith(`{"x":"${'a'.repeat(MAX_RECORD_BYTES)}"}`))).toMatch(/stateline\.topology\.json: file is 4\.0 MB, above the 4 MB limit for a topology record/);
  });

  test('a value echoed from the file is printable and short', () => {
    const message = failure(dirWith(JSON.stringify({ format: `\u0007${'x'.repeat(500)}`, topology: {} })));
    expect(message).not.toMatch(/[\u0000-\u001f]/);
    // JSON.stringify escapes the control character; the value is cut at 80 characters.
    expect(message).toMatch(/got "\\u0007x{70}\.\.\.\)$/);
    expect(message.length).toBeLessThan(300);
  });
});
