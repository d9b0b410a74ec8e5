/**
 * Reading input files safely: size limits (a huge file fails fast with a clear message instead
 * of exhausting memory), parse errors with line and column, and paths shown relative to the
 * working directory (reports never contain absolute paths).
 */
import * as fs from 'fs';
import * as path from 'path';
import { cleanMessage, PolicyInputError } from '../errors';
import type { InputDiagnostic } from '../input-findings';
import { jsonErrorOffset } from './json-error';
import { jsonNestingBeyond, MAX_NESTING, readTextFile } from '../../io/text';

/** Where paths in reports are relative to, and where loaders leave what they notice about the files. */
export interface LoadContext {
  readonly cwd: string;
  /** Input findings (duplicate keys); absent when the caller does not collect them. */
  readonly diagnostics?: InputDiagnostic[];
}

const MiB = 1024 * 1024;
/** JSON parses at hundreds of MB/s; past this a file is not a synthesized template or plan. */
export const MAX_JSON_BYTES = 256 * MiB;
/**
 * CloudFormation accepts templates up to 1 MB; YAML and HCL parsers are far slower than JSON.parse,
 * so cap them well above any real template but low enough to never look hung.
 */
export const MAX_YAML_BYTES = 16 * MiB;
export const MAX_HCL_BYTES = 16 * MiB;

/** A path for messages and reports: relative to cwd, forward slashes, never absolute. */
export function display(ctx: LoadContext, file: string): string {
  const rel = path.relative(ctx.cwd, file) || path.basename(file);
  return rel.split(path.sep).join('/');
}

/**
 * Reads a UTF-8 file (BOM stripped) after checking it exists, is a file and is below `maxBytes`;
 * binary data, UTF-16 and invalid UTF-8 are refused with their position.
 */
export function readText(ctx: LoadContext, file: string, maxBytes: number): string {
  const read = readTextFile(file, maxBytes, 'this format');
  if ('problem' in read) throw new PolicyInputError(display(ctx, file), read.problem);
  return read.text;
}

/** Line and column (1-based) of a character offset. */
export function lineCol(text: string, offset: number): string {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return `line ${line}, column ${offset - last}`;
}

/** Whether the character at `offset` is a control character or an undecodable byte (U+FFFD). */
function isBinaryAt(text: string, offset: number): boolean {
  const c = text.charCodeAt(offset);
  return (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f) || c === 0xfffd;
}

/** JSON.parse with an error that names the file and the position (truncated files say so). */
export function parseJson(ctx: LoadContext, file: string, text: string): unknown {
  // JSON.parse itself copes with any depth; the scans and rules after it recurse.
  const deep = jsonNestingBeyond(text);
  if (deep >= 0) throw new PolicyInputError(display(ctx, file), `nested deeper than ${MAX_NESTING} levels at ${lineCol(text, deep)}: not a template or Terraform file`);
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message.replace(/, "[\s\S]*" is not valid JSON$/, '').replace(/\s+in JSON at position \d+.*$/, '');
    const offset = jsonErrorOffset(text);
    const truncated = offset >= text.trimEnd().length;
    const detail = truncated
      ? 'the file ends too early (truncated?)'
      : isBinaryAt(text, offset)
        ? 'unexpected binary data (not a text file?)'
        : msg.replace(/^Unexpected token '([\s\S])'[\s\S]*$/, "unexpected '$1'");
    // V8 quotes the offending token and text around it: never echo raw bytes or a whole line.
    throw new PolicyInputError(display(ctx, file), `invalid JSON at ${lineCol(text, offset)}: ${cleanMessage(detail)}`);
  }
}

/** Reads and parses a JSON file. */
export function readJson(ctx: LoadContext, file: string): unknown {
  return parseJson(ctx, file, readText(ctx, file, MAX_JSON_BYTES));
}

/** Whether a path exists and is a directory. */
export function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** `target.push(...items)` without the argument-count limit of spreading very large arrays. */
export function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
