/**
 * Hostile-input guards shared by every reader of user files (topology, templates, Terraform,
 * assembly and cdktf manifests, deploy hand-over files): a size cap checked before reading,
 * text that must be UTF-8 (BOM stripped, UTF-16/32 and binary data refused with the position),
 * and a nesting cap checked without recursion (parsers and validators recurse, and 10,000
 * levels overflow the stack).
 *
 * Each function returns a short reason (or nothing); callers wrap it in their own error type
 * with the file name, so the CLI prints one line and exits 2.
 */
import * as fs from 'fs';

export const MiB = 1024 * 1024;

/**
 * Deepest nesting accepted in any parsed document. Real inputs stay far below (a CloudFormation
 * template with nested intrinsics ~20, a cdktf stack ~15, a topology ~8); validators and rules
 * recurse, and the stack gives out in the thousands.
 */
export const MAX_NESTING = 256;

/** Reads a file as UTF-8 text, or the reason it is not acceptable. */
export type TextResult = { readonly text: string } | { readonly problem: string };

/** Line and column (1-based) of a byte offset in a buffer. */
function bytePosition(buf: Buffer, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = buf.indexOf(10); i >= 0 && i < offset; i = buf.indexOf(10, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** The offset of the first byte that is not valid UTF-8 (only called once decoding failed). */
function firstInvalidUtf8(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (n === 0 || i + n > buf.length) return i;
    for (let k = 1; k < n; k++) if ((buf[i + k] & 0xc0) !== 0x80) return i;
    i += n;
  }
  return buf.length;
}

/**
 * Decodes file contents: strips a UTF-8 byte-order mark; refuses UTF-16/UTF-32 (a byte-order
 * mark, or NUL bytes in the first line of otherwise ASCII text), any NUL byte (binary data) and
 * invalid UTF-8, naming the position. CRLF line ends are kept (every parser accepts them).
 */
export function decodeText(buf: Buffer): TextResult {
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    return { problem: 'the file is UTF-16 (or UTF-32) text: save it as UTF-8' };
  }
  if (buf[0] === 0 && buf[1] === 0 && buf[2] === 0xfe && buf[3] === 0xff) return { problem: 'the file is UTF-32 text: save it as UTF-8' };
  const nul = buf.indexOf(0);
  if (nul >= 0) {
    // UTF-16 without a BOM: every other byte of ASCII text is NUL.
    const head = buf.subarray(0, Math.min(buf.length, 64));
    const nuls = head.filter((b) => b === 0).length;
    if (head.length >= 4 && nuls * 2 >= head.length - 1) return { problem: 'the file looks like UTF-16 text: save it as UTF-8' };
    return { problem: `binary data (a NUL byte at ${bytePosition(buf, nul)}): not a text file` };
  }
  let text: string;
  try {
    text = UTF8.decode(buf);
  } catch {
    return { problem: `not UTF-8 text (an invalid byte at ${bytePosition(buf, firstInvalidUtf8(buf))}): save it as UTF-8` };
  }
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** Size and kind checks before reading; the reason a path cannot be read as a file, if any. */
export function statProblem(file: string, maxBytes: number, what: string): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'file not found' : `cannot read it (${code ?? 'error'})`;
  }
  if (!stat.isFile()) return stat.isDirectory() ? 'is a directory, not a file' : 'not a regular file';
  if (stat.size > maxBytes) return sizeProblem(stat.size, maxBytes, what);
  return undefined;
}

export function sizeProblem(size: number, maxBytes: number, what: string): string {
  const limit = maxBytes >= MiB ? `${+(maxBytes / MiB).toFixed(1)} MB` : `${Math.ceil(maxBytes / 1024)} KB`;
  const actual = size >= MiB ? `${(size / MiB).toFixed(1)} MB` : `${Math.ceil(size / 1024)} KB`;
  return `file is ${actual}, above the ${limit} limit for ${what}`;
}

/** Reads and decodes a text file of at most `maxBytes`: the text, or the reason it cannot be used. */
export function readTextFile(file: string, maxBytes: number, what: string): TextResult {
  const problem = statProblem(file, maxBytes, what);
  if (problem) return { problem };
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    return { problem: `cannot read it (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  // The file may have grown between stat and read.
  if (buf.length > maxBytes) return { problem: sizeProblem(buf.length, maxBytes, what) };
  return decodeText(buf);
}

/**
 * Nesting depth of JSON text (brackets and braces outside strings), in one pass without
 * recursion: the position where it first exceeds `max`, or -1.
 */
export function jsonNestingBeyond(text: string, max = MAX_NESTING): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      // Jump to the closing quote: one that follows an even run of backslashes.
      let j = text.indexOf('"', i + 1);
      while (j > 0) {
        let k = j - 1;
        while (text.charCodeAt(k) === 92 /* \ */) k--;
        if ((j - 1 - k) % 2 === 0) break;
        j = text.indexOf('"', j + 1);
      }
      if (j < 0) return -1; // unterminated: JSON.parse reports it
      i = j;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) return i;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return -1;
}

/**
 * Whether a parsed value nests deeper than `max` (objects and arrays), walked without recursion.
 * Reading a property may throw (a getter in a TypeScript config): the caller catches.
 * Cycles (possible only in TypeScript configs) count as too deep.
 */
export function valueNestingBeyond(value: unknown, max = MAX_NESTING): boolean {
  const stack: Array<{ v: unknown; d: number }> = [{ v: value, d: 0 }];
  let seen = 0;
  while (stack.length > 0) {
    const { v, d } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (d >= max) return true;
    // A bound on the walk itself: a cyclic or enormous object graph never hangs the check.
    if (++seen > 5_000_000) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof child === 'object' && child !== null) stack.push({ v: child, d: d + 1 });
    }
  }
  return false;
}

/** The reason for a parser's stack overflow or resource guard, in words a user can act on. */
export function parserFailure(e: unknown): string | undefined {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof RangeError && /call stack/i.test(message)) return `nested too deeply (more than a parser can follow; the limit is ${MAX_NESTING} levels)`;
  if (/Maximum call stack size exceeded/i.test(message)) return `nested too deeply (more than a parser can follow; the limit is ${MAX_NESTING} levels)`;
  if (/Excessive alias count/i.test(message)) return 'too many YAML alias expansions (an alias bomb?): write the values out';
  return undefined;
}
