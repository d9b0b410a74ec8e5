/**
 * Duplicate mapping keys, read the way each deploy engine reads them:
 *
 * - CloudFormation accepts duplicate keys in JSON and YAML templates and deploys the last value
 *   (`validate-template` accepts them): the template is parsed last-wins, checked, and every duplicate
 *   is reported as an `input/duplicate-key` warning with its file and line.
 * - Terraform JSON (HCL's JSON syntax) accepts a repeated block type (`"resource"` twice: both are read)
 *   and rejects a repeated argument ("Duplicate argument"), a repeated resource/module/variable name
 *   and a repeated local: those files are invalid input, reported like Terraform reports them.
 *   @see https://github.com/hashicorp/hcl/blob/main/json/structure.go
 *
 * Finding duplicates costs a full scan, so a cheap test runs first on every JSON file: the number of
 * object members in the text (a `"` closing a key right before `:`) against the number of keys
 * JSON.parse kept. Only files where they differ are scanned (with jsonc-parser) for positions. A
 * key whose text ends in `[`, `,`, `{` or `:` is not counted (such a quote usually opens a value like
 * `":"`), so a duplicate could be missed only in a file with such keys.
 */
import { parseTree, type Node } from 'jsonc-parser';
import { isMap, isScalar, isSeq, LineCounter, type Document } from 'yaml';
import { PolicyInputError } from '../errors';
import { display, LoadContext, parseJson } from './read';

/** One duplicated key: the keys leading to its object, the key, and both lines (1-based). */
export interface DuplicateKey {
  readonly path: readonly string[];
  readonly key: string;
  readonly line: number;
  readonly firstLine: number;
}

const QUOTE = 34;
const COLON_CODE = 58;
const BACKSLASH = 92;

/** Object members written in a JSON text: each `:` right after (whitespace aside) an unescaped closing quote. */
export function countJsonMembers(text: string): number {
  let n = 0;
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
    let j = i - 1;
    let c = text.charCodeAt(j);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(--j);
    if (c !== QUOTE) continue;
    // Inside a string a quote is escaped (an odd run of backslashes before it): that colon is text.
    let k = j - 1;
    while (text.charCodeAt(k) === BACKSLASH) k--;
    if ((j - 1 - k) % 2 !== 0) continue;
    // A quote right after `[`, `,`, `{` or `:` opens a string (`":"` as a Fn::Join delimiter, `":8080"`): that colon is text.
    let b = j - 1;
    let p = text.charCodeAt(b);
    while (p === 32 || p === 10 || p === 13 || p === 9) p = text.charCodeAt(--b);
    if (p === 91 /* [ */ || p === 44 /* , */ || p === 123 /* { */ || p === COLON_CODE) continue;
    n++;
  }
  return n;
}

/** Keys of every object in a parsed JSON value. */
export function countParsedKeys(v: unknown, depth = 0): number {
  if (typeof v !== 'object' || v === null || depth > 256) return 0;
  let n = 0;
  if (Array.isArray(v)) {
    for (const x of v) if (typeof x === 'object' && x !== null) n += countParsedKeys(x, depth + 1);
    return n;
  }
  for (const k in v) {
    n++;
    const x = (v as Record<string, unknown>)[k];
    if (typeof x === 'object' && x !== null) n += countParsedKeys(x, depth + 1);
  }
  return n;
}

/** Whether a JSON text repeats a key somewhere (cheap; no positions). */
export const jsonHasDuplicateKeys = (text: string, parsed: unknown): boolean => countJsonMembers(text) !== countParsedKeys(parsed);

/** Line (1-based) of an offset, counting from a known line start. */
function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Parses JSON with jsonc-parser (positions kept; only for files that have duplicates). */
export function jsonTree(text: string): Node | undefined {
  return parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
}

/** Every duplicated key of a JSON text, with lines. */
export function jsonDuplicateKeys(text: string, root = jsonTree(text)): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  if (!root) return out;
  const starts = lineStarts(text);
  const visit = (node: Node, path: string[], depth: number): void => {
    if (depth > 256) return;
    if (node.type === 'array') {
      node.children?.forEach((c, i) => visit(c, [...path, String(i)], depth + 1));
      return;
    }
    if (node.type !== 'object') return;
    const seen = new Map<string, number>();
    for (const prop of node.children ?? []) {
      const [keyNode, valueNode] = prop.children ?? [];
      if (!keyNode) continue;
      const key = String(keyNode.value);
      const line = lineAt(starts, keyNode.offset);
      const first = seen.get(key);
      if (first !== undefined) out.push({ path, key, line, firstLine: first });
      else seen.set(key, line);
      if (valueNode) visit(valueNode, [...path, key], depth + 1);
    }
  };
  visit(root, [], 0);
  return out;
}

/** Every duplicated key of a YAML document parsed with `uniqueKeys: false` (and a line counter). */
export function yamlDuplicateKeys(doc: Document, lines: LineCounter): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  const keyText = (k: unknown): string | undefined => (isScalar(k) ? String(k.value) : undefined);
  const visit = (node: unknown, path: string[], depth: number): void => {
    if (depth > 256) return;
    if (isSeq(node)) {
      node.items.forEach((c, i) => visit(c, [...path, String(i)], depth + 1));
      return;
    }
    if (!isMap(node)) return;
    const seen = new Map<string, number>();
    for (const pair of node.items) {
      const key = keyText(pair.key);
      if (key === undefined) continue;
      const range = isScalar(pair.key) ? pair.key.range : undefined;
      const line = range ? lines.linePos(range[0]).line : 0;
      const first = seen.get(key);
      if (first !== undefined) out.push({ path, key, line, firstLine: first });
      else seen.set(key, line);
      visit(pair.value, [...path, key], depth + 1);
    }
  };
  visit(doc.contents, [], 0);
  return out;
}

/** What an object is in Terraform JSON, which decides whether a repeated key is more blocks or an error. */
type TfLevel = 'root' | 'types' | 'names' | 'labels' | 'provider' | 'locals' | 'body';

function childLevel(level: TfLevel, key: string): TfLevel {
  if (level === 'root') {
    if (key === 'resource' || key === 'data') return 'types';
    if (key === 'module' || key === 'variable' || key === 'output') return 'labels';
    if (key === 'provider') return 'provider';
    return key === 'locals' ? 'locals' : 'body';
  }
  return level === 'types' ? 'names' : 'body';
}

const isBlock = (v: unknown): boolean => typeof v === 'object' && v !== null;

/**
 * A Terraform JSON document as HCL reads it: a repeated block type (top level, nested blocks) or
 * provider becomes a list of its bodies, a repeated resource type merges its names (the loader reads
 * lists of sections and blocks). Returns the first duplicate Terraform rejects instead, if any.
 */
export function terraformJsonWithRepeats(text: string): { doc: unknown } | { rejected: DuplicateKey & { what: string } } {
  const root = jsonTree(text);
  const starts = lineStarts(text);
  let rejected: (DuplicateKey & { what: string }) | undefined;
  const convert = (node: Node, path: string[], level: TfLevel, depth: number): unknown => {
    if (depth > 256) return undefined;
    if (node.type === 'array') return (node.children ?? []).map((c, i) => convert(c, [...path, String(i)], level, depth + 1));
    if (node.type !== 'object') return node.value;
    const out: Record<string, unknown> = {};
    const firstLine = new Map<string, number>();
    for (const prop of node.children ?? []) {
      const [keyNode, valueNode] = prop.children ?? [];
      if (!keyNode || !valueNode) continue;
      const key = String(keyNode.value);
      const line = lineAt(starts, keyNode.offset);
      const value = convert(valueNode, [...path, key], childLevel(level, key), depth + 1);
      const prev = out[key];
      if (!(key in out)) {
        out[key] = value;
        firstLine.set(key, line);
        continue;
      }
      const reject = (what: string) => {
        rejected ??= { path, key, line, firstLine: firstLine.get(key) ?? 0, what };
      };
      if (level === 'types' && isBlock(prev) && isBlock(value) && !Array.isArray(prev) && !Array.isArray(value)) {
        // `"aws_s3_bucket"` twice under `resource`: both sets of names are read; a name in both is a duplicate resource.
        const merged = { ...(prev as Record<string, unknown>) };
        for (const [name, body] of Object.entries(value as Record<string, unknown>)) {
          if (name in merged) reject(`${path[0]} "${key}.${name}"`);
          else merged[name] = body;
        }
        out[key] = merged;
      } else if ((level === 'root' || level === 'provider' || level === 'body') && isBlock(prev) && isBlock(value)) {
        out[key] = [...(Array.isArray(prev) ? prev : [prev]), ...(Array.isArray(value) ? value : [value])];
      } else if (level === 'names' || level === 'labels') {
        reject(`${path[0]} "${level === 'names' ? `${path[1]}.` : ''}${key}"`);
      } else {
        reject(level === 'locals' ? `local value "${key}"` : `argument "${key}"`);
      }
    }
    return out;
  };
  const doc = root ? convert(root, [], 'root', 0) : undefined;
  return rejected ? { rejected } : { doc };
}

/** Parses Terraform JSON as Terraform does: repeated blocks read, repeated arguments and names rejected (exit 2, with lines). */
export function parseTerraformJson(ctx: LoadContext, file: string, text: string): unknown {
  const doc = parseJson(ctx, file, text);
  if (!jsonHasDuplicateKeys(text, doc)) return doc;
  const read = terraformJsonWithRepeats(text);
  if ('rejected' in read) {
    const r = read.rejected;
    throw new PolicyInputError(
      display(ctx, file),
      `Terraform rejects this file: duplicate ${r.what} at line ${r.line} (first set at line ${r.firstLine}); keep one of them`,
    );
  }
  return read.doc;
}

/** Parses a CloudFormation JSON template last-wins, as CloudFormation does, with the duplicates it resolved. */
export function parseTemplateJson(ctx: LoadContext, file: string, text: string): { template: unknown; duplicates: DuplicateKey[] } {
  const template = parseJson(ctx, file, text);
  return { template, duplicates: jsonHasDuplicateKeys(text, template) ? jsonDuplicateKeys(text) : [] };
}
