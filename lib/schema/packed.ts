/**
 * The container of the committed schema data: a table of `key -> JSON` lines, sorted by key,
 * stored as a gzip file that any gunzip reads whole (a header line, then the lines) but that a
 * run reads piece by piece. The file is several gzip members (RFC 1952 allows any number): the
 * first holds the header line and, in its extra field (`FEXTRA`, subfield `SL`), an index of the
 * members that follow; each of those holds ~8 KB of consecutive lines. Looking a key up inflates
 * only the member whose key range holds it, so a check that meets 40 CloudFormation types reads
 * ~40 small members instead of inflating and splitting 1.6 MB (the providers' schemas are ~2.6 MB
 * of text in all, of which a run needs a few percent).
 *
 * Keys never contain a newline and values are JSON (which never contains a raw tab), so a line is
 * `key\tvalue` split at its last tab, and keys may themselves contain tabs (`r\tazurerm_subnet`).
 * @see https://www.rfc-editor.org/rfc/rfc1952 (members, FEXTRA subfields)
 */
import * as zlib from 'zlib';

/** Uncompressed bytes per member (a member closes at the first line past it). */
const CHUNK_BYTES = 8192;
/** Subfield id of the index in the first member's extra field. */
const SUBFIELD = 'SL';
/** OS byte of the members: "unknown", so the bytes do not depend on the machine that wrote them. */
const OS_UNKNOWN = 0xff;

interface Index {
  /** Format version. */
  readonly v: 1;
  /** Compressed length of the header member's deflate data. */
  readonly h: number;
  /** Per chunk member: its first key and the compressed length of its deflate data. */
  readonly c: ReadonlyArray<readonly [string, number]>;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

/** One gzip member: header (with an optional extra field), raw deflate data, CRC-32 and size. */
function member(text: Buffer, deflated: Buffer, extra?: Buffer): Buffer {
  const head = Buffer.from([0x1f, 0x8b, 8, extra ? 4 : 0, 0, 0, 0, 0, 0, OS_UNKNOWN]);
  const xlen = extra ? Buffer.alloc(2) : Buffer.alloc(0);
  if (extra) xlen.writeUInt16LE(extra.length);
  return Buffer.concat([head, xlen, extra ?? Buffer.alloc(0), deflated, u32(zlib.crc32(text)), u32(text.length)]);
}

/** Packs a header line and `key -> JSON` entries (sorted here) into the container. */
export function packTable(header: string, entries: Iterable<readonly [string, string]>): Buffer {
  const lines = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => {
    if (/[\n]/.test(k) || /[\t\n]/.test(v)) throw new Error(`packTable: key ${JSON.stringify(k)} or its value holds a newline or a tab`);
    return [k, `${k}\t${v}\n`] as const;
  });
  const chunks: Array<{ first: string; text: Buffer; deflated: Buffer }> = [];
  for (let i = 0; i < lines.length; ) {
    const first = lines[i][0];
    let text = '';
    while (i < lines.length && Buffer.byteLength(text) < CHUNK_BYTES) text += lines[i++][1];
    const buf = Buffer.from(text, 'utf8');
    chunks.push({ first, text: buf, deflated: zlib.deflateRawSync(buf, { level: 9 }) });
  }
  const headText = Buffer.from(`${header}\n`, 'utf8');
  const headDeflated = zlib.deflateRawSync(headText, { level: 9 });
  const index: Index = { v: 1, h: headDeflated.length, c: chunks.map((c) => [c.first, c.deflated.length]) };
  const data = Buffer.from(JSON.stringify(index), 'utf8');
  if (data.length > 0xffff - 4) throw new Error(`packTable: the index (${data.length} bytes) does not fit a gzip extra field; raise CHUNK_BYTES`);
  const sub = Buffer.alloc(4);
  sub.write(SUBFIELD, 0, 'latin1');
  sub.writeUInt16LE(data.length, 2);
  return Buffer.concat([member(headText, headDeflated, Buffer.concat([sub, data])), ...chunks.map((c) => member(c.text, c.deflated))]);
}

/** A packed table read from its bytes; members are inflated on first use and kept. */
export class PackedTable {
  /** The header line (without its newline). */
  readonly header: string;
  private readonly firstKeys: readonly string[];
  private readonly starts: readonly number[];
  private readonly lengths: readonly number[];
  private readonly chunks = new Map<number, Map<string, string>>();

  /** `name` names the file in errors. */
  constructor(private readonly bytes: Buffer, private readonly name: string) {
    const bad = (why: string) => new Error(`${name} is not a stateline schema data file (${why}); regenerate it with npm run schema:providers`);
    if (bytes.length < 12 || bytes[0] !== 0x1f || bytes[1] !== 0x8b || bytes[2] !== 8 || (bytes[3] & 4) === 0) throw bad('no gzip member with an extra field');
    const xlen = bytes.readUInt16LE(10);
    let index: Index | undefined;
    for (let p = 12; p + 4 <= 12 + xlen; ) {
      const len = bytes.readUInt16LE(p + 2);
      if (bytes.toString('latin1', p, p + 2) === SUBFIELD) index = JSON.parse(bytes.toString('utf8', p + 4, p + 4 + len)) as Index;
      p += 4 + len;
    }
    if (!index || index.v !== 1) throw bad('no index');
    let at = 12 + xlen;
    this.header = zlib.inflateRawSync(bytes.subarray(at, at + index.h)).toString('utf8').replace(/\n$/, '');
    at += index.h + 8;
    const starts: number[] = [];
    for (const [, len] of index.c) {
      starts.push(at + 10);
      at += 10 + len + 8;
    }
    if (at !== bytes.length) throw bad('its members do not match the index');
    this.firstKeys = index.c.map(([k]) => k);
    this.starts = starts;
    this.lengths = index.c.map(([, n]) => n);
  }

  /** The JSON text stored for `key`, or undefined. */
  get(key: string): string | undefined {
    // The last member whose first key is <= key.
    let lo = 0;
    let hi = this.firstKeys.length - 1;
    if (hi < 0 || key < this.firstKeys[0]) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.firstKeys[mid] <= key) lo = mid;
      else hi = mid - 1;
    }
    return this.chunk(lo).get(key);
  }

  /** Every key, sorted (inflates every member: for messages and tools, not for lookups). */
  keys(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.firstKeys.length; i++) out.push(...this.chunk(i).keys());
    return out;
  }

  /** Every entry, in key order (inflates every member). */
  entries(): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    for (let i = 0; i < this.firstKeys.length; i++) out.push(...this.chunk(i));
    return out;
  }

  private chunk(i: number): Map<string, string> {
    let c = this.chunks.get(i);
    if (!c) {
      c = new Map();
      const text = zlib.inflateRawSync(this.bytes.subarray(this.starts[i], this.starts[i] + this.lengths[i])).toString('utf8');
      for (let p = 0; p < text.length; ) {
        let end = text.indexOf('\n', p);
        if (end < 0) end = text.length;
        const tab = text.lastIndexOf('\t', end);
        if (tab < p) throw new Error(`${this.name}: a line of member ${i + 1} has no key`);
        c.set(text.slice(p, tab), text.slice(tab + 1, end));
        p = end + 1;
      }
      this.chunks.set(i, c);
    }
    return c;
  }
}
