/**
 * Tokens of HCL native syntax (Terraform `.tf`), in one linear pass.
 *
 * Mirrors the token stream of hashicorp/hcl's `hclsyntax` scanner: templates (quoted strings and
 * heredocs) are opened and closed by their own tokens, with literal pieces and `${` / `%{`
 * sequences between them; a heredoc's literal is one token per line (the flush-heredoc rule
 * works line by line). A mode stack tracks which closing brace ends an interpolation.
 * @see https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md
 */

export const enum T {
  Ident, Number, NL, EOF,
  LBrace, RBrace, LBrack, RBrack, LParen, RParen,
  Eq, Comma, Dot, Colon, DoubleColon, Question, Ellipsis, FatArrow,
  Op, // binary/unary operators: + - * / % == != < > <= >= && || !
  OQuote, QuotedLit, CQuote,
  OHeredoc, HeredocLit, CHeredoc,
  TemplateInterp, TemplateControl, TemplateSeqEnd,
}

export interface Token {
  readonly t: T;
  /** Start and end offsets in the source. */
  readonly s: number;
  readonly e: number;
  /** Op: the operator; OHeredoc: the marker; TemplateInterp/Control: '~' when `${~`; TemplateSeqEnd: '~' when `~}`. */
  readonly v?: string;
  /** OHeredoc: `<<-` (flush). */
  readonly flush?: boolean;
}

export class HclSyntaxError extends Error {
  constructor(readonly offset: number, readonly summary: string, readonly detail: string) {
    super(`${summary}; ${detail}`);
  }
}

interface Mode {
  readonly kind: 'normal' | 'quoted' | 'heredoc';
  /** normal mode inside a template sequence: open braces of object constructors. */
  braces: number;
  readonly inTemplate: boolean;
  readonly marker?: string;
  lineStart?: boolean;
}

const ID_START = /[\p{L}\p{Nl}_]/u;
const ID_CONTINUE = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_-]/u;

function isIdStart(c: number, src: string, i: number): boolean {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) return true;
  return c > 127 && ID_START.test(String.fromCodePoint(src.codePointAt(i)!));
}

function isIdContinue(c: number, src: string, i: number): boolean {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45) return true;
  return c > 127 && ID_CONTINUE.test(String.fromCodePoint(src.codePointAt(i)!));
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** Tokenizes a whole file. Throws HclSyntaxError at the first lexical error. */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const stack: Mode[] = [{ kind: 'normal', braces: 0, inTemplate: false }];
  const n = src.length;
  let i = 0;
  const push = (t: T, s: number, e: number, v?: string, flush?: boolean) => {
    out.push(v === undefined && flush === undefined ? { t, s, e } : { t, s, e, v, flush });
  };

  while (true) {
    const mode = stack[stack.length - 1];
    if (mode.kind === 'quoted') {
      i = lexQuoted(src, i, mode, stack, push);
      continue;
    }
    if (mode.kind === 'heredoc') {
      i = lexHeredoc(src, i, mode, stack, push);
      continue;
    }
    if (i >= n) {
      if (stack.length > 1) throw new HclSyntaxError(n, 'Unclosed template interpolation sequence', 'There is no closing brace for this interpolation sequence before the end of the file.');
      push(T.EOF, n, n);
      return out;
    }
    const c = src.charCodeAt(i);
    // whitespace
    if (c === 32 || c === 9 || (c === 13 && src.charCodeAt(i + 1) !== 10)) { i++; continue; }
    if (c === 13 || c === 10) {
      const len = c === 13 ? 2 : 1;
      push(T.NL, i, i + len);
      i += len;
      continue;
    }
    // comments
    if (c === 35 /* # */ || (c === 47 && src.charCodeAt(i + 1) === 47)) {
      const end = src.indexOf('\n', i);
      i = end < 0 ? n : src.charCodeAt(end - 1) === 13 ? end - 1 : end;
      continue;
    }
    if (c === 47 && src.charCodeAt(i + 1) === 42) {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new HclSyntaxError(i, 'Unterminated comment', 'There is no closing marker for this comment.');
      i = end + 2;
      continue;
    }
    if (isIdStart(c, src, i)) {
      const s = i;
      i += c > 0xffff ? 2 : 1;
      while (i < n) {
        const d = src.charCodeAt(i);
        if (!isIdContinue(d, src, i)) break;
        i += d >= 0xd800 && d <= 0xdbff ? 2 : 1;
      }
      push(T.Ident, s, i);
      continue;
    }
    if (isDigit(c)) {
      const s = i;
      while (isDigit(src.charCodeAt(i))) i++;
      if (src.charCodeAt(i) === 46 && isDigit(src.charCodeAt(i + 1))) {
        i++;
        while (isDigit(src.charCodeAt(i))) i++;
      }
      const ec = src.charCodeAt(i);
      if (ec === 101 || ec === 69) {
        let j = i + 1;
        const sign = src.charCodeAt(j);
        if (sign === 43 || sign === 45) j++;
        if (isDigit(src.charCodeAt(j))) {
          i = j;
          while (isDigit(src.charCodeAt(i))) i++;
        }
      }
      push(T.Number, s, i);
      continue;
    }
    switch (c) {
      case 123: // {
        if (mode.inTemplate) mode.braces++;
        push(T.LBrace, i, ++i);
        continue;
      case 125: // }
        if (mode.inTemplate && mode.braces === 0) {
          push(T.TemplateSeqEnd, i, ++i);
          stack.pop();
          continue;
        }
        if (mode.inTemplate) mode.braces--;
        push(T.RBrace, i, ++i);
        continue;
      case 126: // ~}
        if (src.charCodeAt(i + 1) === 125 && mode.inTemplate && mode.braces === 0) {
          push(T.TemplateSeqEnd, i, i + 2, '~');
          i += 2;
          stack.pop();
          continue;
        }
        break;
      case 91: push(T.LBrack, i, ++i); continue;
      case 93: push(T.RBrack, i, ++i); continue;
      case 40: push(T.LParen, i, ++i); continue;
      case 41: push(T.RParen, i, ++i); continue;
      case 44: push(T.Comma, i, ++i); continue;
      case 63: push(T.Question, i, ++i); continue;
      case 58: // : ::
        if (src.charCodeAt(i + 1) === 58) { push(T.DoubleColon, i, i + 2); i += 2; continue; }
        push(T.Colon, i, ++i);
        continue;
      case 46: // . ...
        if (src.startsWith('...', i)) { push(T.Ellipsis, i, i + 3); i += 3; continue; }
        push(T.Dot, i, ++i);
        continue;
      case 61: // = == =>
        if (src.charCodeAt(i + 1) === 61) { push(T.Op, i, i + 2, '=='); i += 2; continue; }
        if (src.charCodeAt(i + 1) === 62) { push(T.FatArrow, i, i + 2); i += 2; continue; }
        push(T.Eq, i, ++i);
        continue;
      case 33: // ! !=
        if (src.charCodeAt(i + 1) === 61) { push(T.Op, i, i + 2, '!='); i += 2; continue; }
        push(T.Op, i, ++i, '!');
        continue;
      case 60: { // < <= <<heredoc
        if (src.charCodeAt(i + 1) === 60) {
          const m = /^<<(-?)([\p{L}_][\p{L}\p{Nd}_-]*)\r?\n/u.exec(src.slice(i, i + 300));
          if (m) {
            push(T.OHeredoc, i, i + m[0].length, m[2], m[1] === '-');
            i += m[0].length;
            stack.push({ kind: 'heredoc', braces: 0, inTemplate: false, marker: m[2], lineStart: true });
            continue;
          }
        }
        if (src.charCodeAt(i + 1) === 61) { push(T.Op, i, i + 2, '<='); i += 2; continue; }
        push(T.Op, i, ++i, '<');
        continue;
      }
      case 62: // > >=
        if (src.charCodeAt(i + 1) === 61) { push(T.Op, i, i + 2, '>='); i += 2; continue; }
        push(T.Op, i, ++i, '>');
        continue;
      case 38: // &&
        if (src.charCodeAt(i + 1) === 38) { push(T.Op, i, i + 2, '&&'); i += 2; continue; }
        break;
      case 124: // ||
        if (src.charCodeAt(i + 1) === 124) { push(T.Op, i, i + 2, '||'); i += 2; continue; }
        break;
      case 43: case 45: case 42: case 47: case 37: // + - * / %
        push(T.Op, i, ++i, src[i - 1]);
        continue;
      case 34: // "
        push(T.OQuote, i, ++i);
        stack.push({ kind: 'quoted', braces: 0, inTemplate: false });
        continue;
      default:
        break;
    }
    throw new HclSyntaxError(i, 'Invalid character', `This character is not used within the language: ${JSON.stringify(String.fromCodePoint(src.codePointAt(i)!))}.`);
  }
}

type Push = (t: T, s: number, e: number, v?: string, flush?: boolean) => void;

/** Opens `${` / `%{` (with an optional `~`) at i; returns the new offset. */
function openSequence(src: string, i: number, stack: Mode[], push: Push): number {
  const strip = src.charCodeAt(i + 2) === 126;
  const len = strip ? 3 : 2;
  push(src.charCodeAt(i) === 36 ? T.TemplateInterp : T.TemplateControl, i, i + len, strip ? '~' : undefined);
  stack.push({ kind: 'normal', braces: 0, inTemplate: true });
  return i + len;
}

function lexQuoted(src: string, start: number, _mode: Mode, stack: Mode[], push: Push): number {
  let i = start;
  const n = src.length;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 34 || c === 10 || c === 13) break;
    if (c === 92) { i += 2; continue; } // escape: decoded later
    if ((c === 36 || c === 37) && src.charCodeAt(i + 1) === 123) break;
    if ((c === 36 || c === 37) && src.charCodeAt(i + 1) === c && src.charCodeAt(i + 2) === 123) { i += 3; continue; } // $${ %%{
    i++;
  }
  if (i > start) push(T.QuotedLit, start, Math.min(i, n));
  if (i >= n) throw new HclSyntaxError(start, 'Unterminated template string', 'No closing marker was found for the string.');
  const c = src.charCodeAt(i);
  if (c === 34) {
    push(T.CQuote, i, i + 1);
    stack.pop();
    return i + 1;
  }
  if (c === 10 || c === 13) throw new HclSyntaxError(i, 'Invalid multi-line string', 'Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.');
  return openSequence(src, i, stack, push);
}

function lexHeredoc(src: string, start: number, mode: Mode, stack: Mode[], push: Push): number {
  const n = src.length;
  let i = start;
  if (mode.lineStart) {
    // The closing marker: alone on its line, indentation allowed.
    let j = i;
    while (src.charCodeAt(j) === 32 || src.charCodeAt(j) === 9) j++;
    const marker = mode.marker!;
    if (src.startsWith(marker, j)) {
      const k = j + marker.length;
      const after = src.charCodeAt(k);
      if (k >= n || after === 10 || after === 13) {
        push(T.CHeredoc, i, k);
        stack.pop();
        return k;
      }
    }
  }
  if (i >= n) throw new HclSyntaxError(start, 'Unterminated template string', `There is no closing marker ${mode.marker} for this heredoc.`);
  let sequence = false;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 10) { i++; break; }
    if ((c === 36 || c === 37) && src.charCodeAt(i + 1) === 123) { sequence = true; break; }
    if ((c === 36 || c === 37) && src.charCodeAt(i + 1) === c && src.charCodeAt(i + 2) === 123) { i += 3; continue; }
    i++;
  }
  if (i > start) push(T.HeredocLit, start, i);
  if (sequence) {
    mode.lineStart = false;
    return openSequence(src, i, stack, push);
  }
  mode.lineStart = true;
  if (i >= n && src.charCodeAt(n - 1) !== 10) throw new HclSyntaxError(start, 'Unterminated template string', `There is no closing marker ${mode.marker} for this heredoc.`);
  return i;
}
