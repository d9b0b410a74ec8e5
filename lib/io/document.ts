/**
 * Reading a small JSON or YAML document a user supplies (a `--prices` file, a topology record),
 * with every guard of ./text.ts: the size cap before reading, UTF-8 only (binary data and UTF-16
 * refused with the position), the nesting cap before a parser or validator recurses, YAML alias
 * expansion bounded, and parser messages that never echo raw input nor end in a bare colon.
 *
 * Returns the value or a short reason; the caller names the file in its own error type, so the
 * CLI prints one line and exits 2.
 */
import { parseDocument, type YAMLError } from 'yaml';
import { jsonNestingBeyond, MAX_NESTING, parserFailure, readTextFile, valueNestingBeyond } from './text';

export type ParseResult = { readonly value: unknown } | { readonly problem: string };

/** Parser messages can echo the input: keep them short and printable. */
export function printable(message: string): string {
  const clean = message.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 300 ? `${clean.slice(0, 297)}...` : clean;
}

/** V8's JSON.parse message without the text it quotes around the error (never echo raw input). */
export function jsonParseMessage(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return printable(m.replace(/, "[\s\S]*" is not valid JSON$/, '').replace(/^(Unexpected token '.'),[\s\S]*$/, '$1'));
}

/**
 * One YAML parse error on one line: where, what, and the line it is on. The parser's own message
 * ends with a colon followed by a source excerpt; that excerpt is replaced by the quoted line.
 */
export function yamlProblem(e: YAMLError, text: string): string {
  const what = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').replace(/:$/, '');
  const pos = e.linePos?.[0];
  if (!pos) return printable(what);
  const line = (text.split(/\r?\n/)[pos.line - 1] ?? '').trim();
  const quoted = line.length > 60 ? `${line.slice(0, 57)}...` : line;
  return `line ${pos.line}, column ${pos.col}: ${printable(what)}${quoted ? ` (in "${printable(quoted)}")` : ''}`;
}

const TOO_DEEP = `nested deeper than ${MAX_NESTING} levels`;

/** JSON text to a value: the nesting checked first (JSON.parse copes with any depth; what follows recurses). */
export function parseJsonText(text: string): ParseResult {
  if (jsonNestingBeyond(text) >= 0) return { problem: TOO_DEEP };
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { problem: `not valid JSON: ${jsonParseMessage(e)}` };
  }
}

/** YAML text to a value: duplicate keys refused, alias expansion bounded, the nesting checked. */
export function parseYamlText(text: string): ParseResult {
  let value: unknown;
  try {
    const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) return { problem: `not valid YAML: ${parserFailure(doc.errors[0]) ?? yamlProblem(doc.errors[0], text)}` };
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { problem: `not valid YAML: ${parserFailure(e) ?? printable((e instanceof Error ? e.message : String(e)).split('\n')[0].replace(/:$/, ''))}` };
  }
  if (valueNestingBeyond(value)) return { problem: TOO_DEEP };
  return { value };
}

/** Reads a JSON or YAML document of at most `maxBytes` (`what` names it in the size message). */
export function readDocument(file: string, format: 'json' | 'yaml', maxBytes: number, what: string): ParseResult {
  const read = readTextFile(file, maxBytes, what);
  if ('problem' in read) return read;
  return format === 'json' ? parseJsonText(read.text) : parseYamlText(read.text);
}
