/**
 * A parser for HCL native syntax that yields what `@cdktf/hcl2json` (tmccombs/hcl2json over
 * hashicorp/hcl's `hclsyntax`) yields, in time linear in the file size.
 *
 * Why not the WASM build of hcl2json: its heredoc handling is quadratic (a 1 MB heredoc exhausts
 * the Go runtime's memory and kills the process with "Go program has already exited"), it parses
 * ~1 MB/s, and starting it costs ~150 ms. The output shape is the same (test/policy/hcl-parity
 * compares both on every HCL fixture and on edge cases):
 * - blocks become `{ type: { label: ... [ body ] } }`, a list per block type and labels;
 * - literal numbers, bools and null stay values; strings without interpolation become strings;
 *   tuples and objects are converted element by element;
 * - templates keep `${expr}` for interpolations and `%{if}`/`%{for}` for directives;
 * - any other expression becomes the string `${<its source text>}`.
 *
 * Expressions are parsed for structure (where each one ends, and whether it is one of the forms
 * above) and checked for syntax; their operators are not evaluated.
 */
import { HclSyntaxError, T, Token, tokenize } from './lexer';

export type Expr =
  | { readonly k: 'num'; readonly v: number; readonly s: number; readonly e: number }
  | { readonly k: 'bool'; readonly v: boolean; readonly s: number; readonly e: number }
  | { readonly k: 'null'; readonly s: number; readonly e: number }
  | { readonly k: 'str'; readonly v: string; readonly s: number; readonly e: number }
  | { readonly k: 'tpl'; readonly parts: readonly TplNode[]; readonly passthru?: Expr; readonly s: number; readonly e: number }
  | { readonly k: 'tuple'; readonly items: readonly Expr[]; readonly s: number; readonly e: number }
  | { readonly k: 'object'; readonly items: ReadonlyArray<{ readonly key: Expr; readonly value: Expr }>; readonly s: number; readonly e: number }
  | { readonly k: 'unary'; readonly op: string; readonly operand: Expr; readonly s: number; readonly e: number }
  | { readonly k: 'cond'; readonly cond: Expr; readonly t: Expr; readonly f: Expr; readonly s: number; readonly e: number }
  /** A scope traversal: `a`, `a.b`, `a[0]`, `a["k"]` (literal steps only). */
  | { readonly k: 'trav'; readonly s: number; readonly e: number }
  | { readonly k: 'other'; readonly s: number; readonly e: number };

export type TplNode =
  | Expr
  | { readonly k: 'if'; readonly cond: Expr; readonly t: readonly TplNode[]; readonly f: readonly TplNode[] }
  | { readonly k: 'for'; readonly keyVar?: string; readonly valVar: string; readonly coll: Expr; readonly body: readonly TplNode[] };

export interface Attribute { readonly name: string; readonly expr: Expr; readonly s: number }
export interface Block { readonly type: string; readonly labels: readonly string[]; readonly body: Body }
export interface Body { readonly attributes: readonly Attribute[]; readonly blocks: readonly Block[] }

/** Deepest nesting of blocks, brackets and templates (the parser recurses once per level). */
export const MAX_HCL_DEPTH = 256;

const BINARY = new Set(['+', '-', '*', '/', '%', '==', '!=', '<', '>', '<=', '>=', '&&', '||']);

/** Flat template pieces before the if/for structure is built. */
type Piece =
  | { k: 'lit'; v: string; s: number; e: number }
  | { k: 'interp'; expr: Expr }
  | { k: 'if'; cond: Expr }
  | { k: 'for'; keyVar?: string; valVar: string; coll: Expr }
  | { k: 'else' | 'endif' | 'endfor'; s: number };

class Parser {
  private pos = 0;
  /** Whether newlines are significant in the current context (`nlSignificant` is the top of the stack). */
  private readonly nl: boolean[] = [true];
  private nlSignificant = true;
  private depth = 0;

  constructor(private readonly src: string, private readonly toks: Token[]) {}

  private err(at: number, summary: string, detail: string): never {
    throw new HclSyntaxError(at, summary, detail);
  }

  private enter(at: number): void {
    if (++this.depth > MAX_HCL_DEPTH) this.err(at, 'Nesting too deep', `Blocks, brackets and templates are nested more than ${MAX_HCL_DEPTH} levels deep.`);
  }

  private leave(): void {
    this.depth--;
  }

  /** The next token, skipping newlines where they are not significant. */
  private peek(): Token {
    if (!this.nlSignificant) while (this.toks[this.pos].t === T.NL) this.pos++;
    return this.toks[this.pos];
  }

  private next(): Token {
    const t = this.peek();
    if (t.t !== T.EOF) this.pos++;
    return t;
  }

  private text(t: Token): string {
    return this.src.slice(t.s, t.e);
  }

  private expect(type: T, summary: string, detail: string): Token {
    const t = this.peek();
    if (t.t !== type) this.err(t.s, summary, detail);
    return this.next();
  }

  private withNewlines<R>(significant: boolean, fn: () => R): R {
    this.nl.push(significant);
    this.nlSignificant = significant;
    try {
      return fn();
    } finally {
      this.nl.pop();
      this.nlSignificant = this.nl[this.nl.length - 1];
    }
  }

  // ---- bodies -------------------------------------------------------------

  parseFile(): Body {
    const body = this.parseBody(T.EOF);
    return body;
  }

  private parseBody(end: T.EOF | T.RBrace, openAt = 0): Body {
    const attributes: Attribute[] = [];
    const blocks: Block[] = [];
    const seen = new Map<string, number>();
    for (;;) {
      let t = this.peek();
      while (t.t === T.NL) { this.pos++; t = this.peek(); }
      if (t.t === end) return { attributes, blocks };
      if (t.t !== T.Ident) {
        if (t.t === T.EOF) this.err(openAt, 'Unclosed configuration block', 'There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.');
        this.err(t.s, 'Argument or block definition required', 'An argument or block definition is required here.');
      }
      this.next();
      const name = this.text(t);
      const after = this.peek();
      if (after.t === T.Eq) {
        this.next();
        const first = seen.get(name);
        if (first !== undefined) this.err(t.s, 'Duplicate argument', `The argument "${name}" was already set at ${lineCol(this.src, first)}. Each argument may be set only once.`);
        seen.set(name, t.s);
        const expr = this.parseExpression();
        attributes.push({ name, expr, s: t.s });
        this.endOfItem(end, 'argument');
        continue;
      }
      blocks.push(this.parseBlock(name, t));
      this.endOfItem(end, 'block definition');
    }
  }

  private endOfItem(end: T.EOF | T.RBrace, what: string): void {
    const t = this.peek();
    if (t.t === T.NL) { this.next(); return; }
    if (t.t === T.EOF || (t.t === T.RBrace && end === T.RBrace)) return;
    this.err(t.s, `Missing newline after ${what}`, `An ${what} must end with a newline.`);
  }

  private parseBlock(type: string, start: Token): Block {
    const labels: string[] = [];
    for (;;) {
      const t = this.peek();
      if (t.t === T.LBrace) break;
      if (t.t === T.Ident) { labels.push(this.text(this.next())); continue; }
      if (t.t === T.OQuote) { labels.push(this.parseLabel()); continue; }
      if (t.t === T.NL || t.t === T.EOF) this.err(start.s, 'Invalid block definition', 'A block definition must have block content delimited by "{" and "}", starting on the same line as the block header.');
      this.err(t.s, 'Argument or block definition required', 'An argument or block definition is required here. To set an argument, use the equals sign "=" to introduce the argument value.');
    }
    const open = this.next();
    this.enter(open.s);
    let body: Body;
    if (this.toks[this.pos].t === T.NL) {
      body = this.parseBody(T.RBrace, open.s);
      this.next();
    } else {
      // A single-line block: `name { }` or `name { arg = value }`.
      const t = this.peek();
      if (t.t === T.RBrace) {
        this.next();
        body = { attributes: [], blocks: [] };
      } else {
        const nameTok = this.expect(T.Ident, 'Invalid single-argument block definition', 'A single-line block definition must contain at most one argument, followed by the closing brace.');
        this.expect(T.Eq, 'Invalid single-argument block definition', 'A single-line block definition may contain only a single argument.');
        const expr = this.parseExpression();
        this.expect(T.RBrace, 'Invalid single-argument block definition', 'A single-line block definition must end with a closing brace immediately after its single argument.');
        body = { attributes: [{ name: this.text(nameTok), expr, s: nameTok.s }], blocks: [] };
      }
    }
    this.leave();
    return { type, labels, body };
  }

  /** A quoted block label: a plain string, no interpolation. */
  private parseLabel(): string {
    const open = this.next();
    let value = '';
    for (;;) {
      const t = this.toks[this.pos++];
      if (t.t === T.CQuote) return value;
      if (t.t === T.QuotedLit) { value += decodeQuoted(this.src, t); continue; }
      this.err(t.s ?? open.s, 'Invalid block label', 'Block labels must be string literals, without interpolation.');
    }
  }

  // ---- expressions --------------------------------------------------------

  parseExpression(): Expr {
    const cond = this.parseBinary();
    if (this.peek().t !== T.Question) return cond;
    this.next();
    const t = this.parseExpression();
    this.expect(T.Colon, 'Missing false expression in conditional', 'The conditional operator (...?...:...) requires a false expression, delimited by a colon.');
    const f = this.parseExpression();
    return { k: 'cond', cond, t, f, s: cond.s, e: f.e };
  }

  private parseBinary(): Expr {
    const first = this.parseUnary();
    let last = first;
    for (;;) {
      const t = this.peek();
      if (t.t !== T.Op || !BINARY.has(t.v!)) break;
      this.next();
      last = this.parseUnary();
    }
    return last === first ? first : { k: 'other', s: first.s, e: last.e };
  }

  private parseUnary(): Expr {
    const t = this.peek();
    if (t.t === T.Op && (t.v === '-' || t.v === '!')) {
      this.next();
      this.enter(t.s);
      const operand = this.parseUnary();
      this.leave();
      return { k: 'unary', op: t.v, operand, s: t.s, e: operand.e };
    }
    return this.parseTraversals(this.parseTerm());
  }

  /** `.attr`, `.0`, `[index]`, `.*`, `[*]` after a term. */
  private parseTraversals(term: Expr): Expr {
    let e = term.e;
    let literalSteps = term.k === 'trav';
    for (;;) {
      const t = this.peek();
      if (t.t === T.Dot) {
        this.next();
        const n = this.next();
        if (n.t === T.Ident || n.t === T.Number) { e = n.e; continue; }
        if (n.t === T.Op && n.v === '*') { e = n.e; literalSteps = false; continue; }
        this.err(n.s, 'Invalid attribute name', 'An attribute name is required after a dot.');
      }
      if (t.t === T.LBrack) {
        this.next();
        const close = this.withNewlines(false, () => {
          const star = this.peek();
          if (star.t === T.Op && star.v === '*') {
            this.next();
            literalSteps = false;
          } else {
            const index = this.parseExpression();
            if (index.k !== 'num' && index.k !== 'str' && !(index.k === 'tpl' && index.parts.length === 1 && index.parts[0].k === 'str')) literalSteps = false;
          }
          return this.expect(T.RBrack, 'Missing close bracket on index', 'The index operator must end with a closing bracket ("]").');
        });
        e = close.e;
        continue;
      }
      break;
    }
    if (e === term.e) return term;
    return { k: literalSteps ? 'trav' : 'other', s: term.s, e };
  }

  private parseTerm(): Expr {
    const t = this.peek();
    switch (t.t) {
      case T.Number:
        this.next();
        return { k: 'num', v: Number(this.text(t)), s: t.s, e: t.e };
      case T.Ident: {
        this.next();
        const name = this.text(t);
        if (name === 'true' || name === 'false') return { k: 'bool', v: name === 'true', s: t.s, e: t.e };
        if (name === 'null') return { k: 'null', s: t.s, e: t.e };
        // Provider-defined functions: provider::aws::arn_parse(...)
        let nameEnd = t.e;
        while (this.peek().t === T.DoubleColon) {
          this.next();
          nameEnd = this.expect(T.Ident, 'Missing function name', 'A function name is required after "::".').e;
        }
        if (this.peek().t === T.LParen) return this.parseCall(t.s);
        if (nameEnd !== t.e) this.err(nameEnd, 'Missing function call', 'A namespaced name must be followed by a function call.');
        return { k: 'trav', s: t.s, e: t.e };
      }
      case T.LParen: {
        this.next();
        this.enter(t.s);
        const close = this.withNewlines(false, () => {
          this.parseExpression();
          return this.expect(T.RParen, 'Unbalanced parentheses', 'Expected a closing parenthesis to terminate the expression.');
        });
        this.leave();
        return { k: 'other', s: t.s, e: close.e };
      }
      case T.LBrack:
        return this.parseTuple();
      case T.LBrace:
        return this.parseObject();
      case T.OQuote:
      case T.OHeredoc:
        return this.parseTemplate();
      default:
        this.err(t.s, 'Invalid expression', 'Expected the start of an expression, but found an invalid expression token.');
    }
  }

  private parseCall(start: number): Expr {
    const open = this.next();
    this.enter(open.s);
    const close = this.withNewlines(false, () => {
      for (;;) {
        if (this.peek().t === T.RParen) break;
        this.parseExpression();
        const sep = this.peek();
        if (sep.t === T.Ellipsis) { this.next(); break; }
        if (sep.t === T.Comma) { this.next(); continue; }
        break;
      }
      return this.expect(T.RParen, 'Missing item separator', 'Expected a comma to mark the beginning of the next item.');
    });
    this.leave();
    return { k: 'other', s: start, e: close.e };
  }

  private isFor(): boolean {
    const t = this.peek();
    return t.t === T.Ident && this.text(t) === 'for';
  }

  /** `[for k, v in coll : expr if cond]` or `{for k, v in coll : key => value... if cond}`. */
  private parseForBody(object: boolean): void {
    this.next(); // for
    this.expect(T.Ident, 'Invalid \'for\' expression', 'For expression requires variable name after \'for\'.');
    if (this.peek().t === T.Comma) {
      this.next();
      this.expect(T.Ident, 'Invalid \'for\' expression', 'For expression requires value variable name after comma.');
    }
    const kw = this.expect(T.Ident, 'Invalid \'for\' expression', 'For expression requires the \'in\' keyword after its name declarations.');
    if (this.text(kw) !== 'in') this.err(kw.s, 'Invalid \'for\' expression', 'For expression requires the \'in\' keyword after its name declarations.');
    this.parseExpression();
    this.expect(T.Colon, 'Invalid \'for\' expression', 'For expression requires a colon after the collection expression.');
    this.parseExpression();
    if (object) {
      this.expect(T.FatArrow, 'Invalid \'for\' expression', 'Key expression in \'for\' expression must be followed by an arrow (=>).');
      this.parseExpression();
      if (this.peek().t === T.Ellipsis) this.next();
    }
    const maybeIf = this.peek();
    if (maybeIf.t === T.Ident && this.text(maybeIf) === 'if') {
      this.next();
      this.parseExpression();
    }
  }

  private parseTuple(): Expr {
    const open = this.next();
    this.enter(open.s);
    const result = this.withNewlines(false, (): Expr => {
      if (this.isFor()) {
        this.parseForBody(false);
        const close = this.expect(T.RBrack, 'Invalid \'for\' expression', 'Extra characters after the end of the \'for\' expression.');
        return { k: 'other', s: open.s, e: close.e };
      }
      const items: Expr[] = [];
      for (;;) {
        if (this.peek().t === T.RBrack) break;
        items.push(this.parseExpression());
        if (this.peek().t === T.Comma) { this.next(); continue; }
        break;
      }
      const close = this.expect(T.RBrack, 'Missing item separator', 'Expected a comma to mark the beginning of the next item.');
      return { k: 'tuple', items, s: open.s, e: close.e };
    });
    this.leave();
    return result;
  }

  private parseObject(): Expr {
    const open = this.next();
    this.enter(open.s);
    const result = this.withNewlines(true, (): Expr => {
      const skipNl = () => { while (this.toks[this.pos].t === T.NL) this.pos++; };
      skipNl();
      if (this.isFor()) {
        this.withNewlines(false, () => this.parseForBody(true));
        skipNl();
        const close = this.expect(T.RBrace, 'Invalid \'for\' expression', 'Extra characters after the end of the \'for\' expression.');
        return { k: 'other', s: open.s, e: close.e };
      }
      const items: Array<{ key: Expr; value: Expr }> = [];
      for (;;) {
        skipNl();
        if (this.peek().t === T.RBrace) break;
        const key = this.withNewlines(false, () => this.parseExpression());
        const sep = this.peek();
        if (sep.t !== T.Eq && sep.t !== T.Colon) this.err(sep.s, 'Missing key/value separator', 'Expected an equals sign ("=") to mark the beginning of the attribute value.');
        this.next();
        const value = this.parseExpression();
        items.push({ key, value });
        const after = this.peek();
        if (after.t === T.Comma || after.t === T.NL) { this.next(); continue; }
        if (after.t === T.RBrace) break;
        this.err(after.s, 'Missing attribute separator', 'Expected a newline or comma to mark the beginning of the next attribute.');
      }
      const close = this.expect(T.RBrace, 'Missing attribute separator', 'Expected a newline or comma to mark the beginning of the next attribute.');
      return { k: 'object', items, s: open.s, e: close.e };
    });
    this.leave();
    return result;
  }

  // ---- templates ----------------------------------------------------------

  private parseTemplate(): Expr {
    // The common case first: a quoted string without interpolation or escapes.
    const first = this.peek();
    if (first.t === T.OQuote) {
      const a = this.toks[this.pos + 1];
      if (a.t === T.CQuote) {
        this.pos += 2;
        return { k: 'str', v: '', s: first.s, e: a.e };
      }
      const b = this.toks[this.pos + 2];
      if (a.t === T.QuotedLit && b.t === T.CQuote) {
        this.pos += 3;
        return { k: 'str', v: decodeQuoted(this.src, a), s: first.s, e: b.e };
      }
    }
    const open = this.next();
    this.enter(open.s);
    const heredoc = open.t === T.OHeredoc;
    const closeType = heredoc ? T.CHeredoc : T.CQuote;
    const pieces: Piece[] = [];
    let ltrimNext = false;
    let canTrimPrev = false;
    const close = this.withNewlines(false, (): Token => {
      for (;;) {
        const t = this.toks[this.pos++];
        if (t.t === closeType) return t;
        const ltrim = ltrimNext;
        ltrimNext = false;
        const trimPrev = canTrimPrev;
        canTrimPrev = false;
        if (t.t === T.QuotedLit || t.t === T.HeredocLit) {
          let v = t.t === T.QuotedLit ? decodeQuoted(this.src, t) : decodeHeredoc(this.src, t);
          if (ltrim) v = v.replace(/^\s+/u, '');
          pieces.push({ k: 'lit', v, s: t.s, e: t.e });
          canTrimPrev = true;
          continue;
        }
        if (t.t === T.TemplateInterp || t.t === T.TemplateControl) {
          if (trimPrev && t.v === '~') {
            const prev = pieces[pieces.length - 1];
            if (prev?.k === 'lit') prev.v = prev.v.replace(/\s+$/u, '');
          }
          pieces.push(t.t === T.TemplateInterp ? { k: 'interp', expr: this.parseExpression() } : this.parseDirective());
          const end = this.peek();
          if (end.t !== T.TemplateSeqEnd) {
            this.err(end.s, 'Extra characters after interpolation expression', 'Expected a closing brace to end the interpolation expression, but found extra characters. If this is an embedded sequence for another language, escape it by starting with "$${" instead of just "${".');
          }
          this.pos++;
          if (end.v === '~') ltrimNext = true;
          continue;
        }
        this.err(t.s, 'Unterminated template string', 'No closing marker was found for the string.');
      }
    });
    if (heredoc && open.flush) flushHeredoc(pieces);
    const melded = meld(pieces);
    this.leave();
    const s = open.s;
    const e = close.e;
    if (melded.length === 1 && melded[0].k === 'interp') return { k: 'tpl', parts: [], passthru: melded[0].expr, s, e };
    return { k: 'tpl', parts: buildTemplate(melded), s, e };
  }

  private parseDirective(): Piece {
    const kw = this.peek();
    if (kw.t !== T.Ident) this.err(kw.s, 'Invalid template directive', 'A template directive keyword ("if", "for", etc) is expected at the beginning of a %{ sequence.');
    this.next();
    const word = this.text(kw);
    switch (word) {
      case 'if': return { k: 'if', cond: this.parseExpression() };
      case 'else': return { k: 'else', s: kw.s };
      case 'endif': return { k: 'endif', s: kw.s };
      case 'endfor': return { k: 'endfor', s: kw.s };
      case 'for': {
        let valVar = this.text(this.expect(T.Ident, 'Invalid \'for\' directive', 'For directive requires variable name after \'for\'.'));
        let keyVar: string | undefined;
        if (this.peek().t === T.Comma) {
          this.next();
          keyVar = valVar;
          valVar = this.text(this.expect(T.Ident, 'Invalid \'for\' directive', 'For directive requires value variable name after comma.'));
        }
        const inKw = this.expect(T.Ident, 'Invalid \'for\' directive', 'For directive requires \'in\' keyword after names.');
        if (this.text(inKw) !== 'in') this.err(inKw.s, 'Invalid \'for\' directive', 'For directive requires \'in\' keyword after names.');
        return { k: 'for', keyVar, valVar, coll: this.parseExpression() };
      }
      default:
        this.err(kw.s, 'Invalid template control keyword', `${JSON.stringify(word)} is not a valid template control keyword.`);
    }
  }
}

/** Applies the flush-heredoc rule: remove the smallest indentation of its lines from every line. */
function flushHeredoc(pieces: Piece[]): void {
  let min = Infinity;
  const adjust: Array<Piece & { k: 'lit' }> = [];
  let newline = true;
  for (const p of pieces) {
    if (newline) {
      newline = false;
      let spaces = 0;
      if (p.k === 'lit') {
        const trimmed = p.v.replace(/^\s+/u, '');
        if (trimmed.length === 0 && p.v.endsWith('\n')) spaces = Infinity;
        else {
          spaces = [...p.v.slice(0, p.v.length - trimmed.length)].length;
          adjust.push(p);
        }
      }
      if (spaces < min) min = spaces;
    }
    if (p.k === 'lit' && p.v.endsWith('\n')) newline = true;
  }
  if (!Number.isFinite(min)) return;
  for (const p of adjust) p.v = [...p.v].slice(min).join('');
}

/** Joins consecutive literal pieces. */
function meld(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const p of pieces) {
    const prev = out[out.length - 1];
    if (p.k === 'lit' && prev?.k === 'lit') {
      out[out.length - 1] = { ...prev, v: prev.v + p.v, e: p.e };
      continue;
    }
    out.push(p);
  }
  return out;
}

/** Builds if/for structure from flat pieces; an empty template is one empty string. */
function buildTemplate(pieces: Piece[]): TplNode[] {
  let i = 0;
  const seq = (stop: ReadonlySet<string>): { nodes: TplNode[]; end?: Piece } => {
    const nodes: TplNode[] = [];
    while (i < pieces.length) {
      const p = pieces[i];
      if (stop.has(p.k)) { i++; return { nodes, end: p }; }
      i++;
      if (p.k === 'lit') nodes.push({ k: 'str', v: p.v, s: p.s, e: p.e });
      else if (p.k === 'interp') nodes.push(p.expr);
      else if (p.k === 'if') {
        const t = seq(new Set(['else', 'endif']));
        if (!t.end) throw new HclSyntaxError(p.cond.s, 'Unexpected end of template', 'The if directive is missing its corresponding endif directive.');
        let f: TplNode[] = [];
        if (t.end.k === 'else') {
          const fe = seq(new Set(['endif']));
          if (!fe.end) throw new HclSyntaxError(p.cond.s, 'Unexpected end of template', 'The if directive is missing its corresponding endif directive.');
          f = fe.nodes;
        }
        nodes.push({ k: 'if', cond: p.cond, t: t.nodes, f });
      } else if (p.k === 'for') {
        const b = seq(new Set(['endfor']));
        if (!b.end) throw new HclSyntaxError(p.coll.s, 'Unexpected end of template', 'The for directive is missing its corresponding endfor directive.');
        nodes.push({ k: 'for', keyVar: p.keyVar, valVar: p.valVar, coll: p.coll, body: b.nodes });
      } else {
        throw new HclSyntaxError((p as { s: number }).s, `Unexpected ${p.k} directive`, 'The control directives within this template are unbalanced.');
      }
    }
    return { nodes };
  };
  const { nodes } = seq(new Set());
  return nodes.length === 0 ? [{ k: 'str', v: '', s: 0, e: 0 }] : nodes;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/**
 * The value of a quoted-string literal piece: backslash escapes decoded; `$${` and `%%{` stay as
 * written (hcl2json keeps them, and an escaped sequence must not look like an interpolation).
 */
function decodeQuoted(src: string, t: Token): string {
  const raw = src.slice(t.s, t.e);
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\') {
      const d = raw[i + 1];
      if (d in SIMPLE_ESCAPES) { out += SIMPLE_ESCAPES[d]; i++; continue; }
      if (d === 'u' || d === 'U') {
        const len = d === 'u' ? 4 : 8;
        const hex = raw.slice(i + 2, i + 2 + len);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) throw new HclSyntaxError(t.s + i, 'Invalid escape sequence', `The \\${d} escape sequence requires ${len} hexadecimal digits.`);
        const cp = parseInt(hex, 16);
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new HclSyntaxError(t.s + i, 'Invalid escape sequence', `The \\${d} escape sequence does not name a Unicode character.`);
        out += String.fromCodePoint(cp);
        i += 1 + len;
        continue;
      }
      throw new HclSyntaxError(t.s + i, 'Invalid escape sequence', `The symbol ${JSON.stringify(d ?? '')} is not a valid escape sequence selector.`);
    }
    out += c;
  }
  return out;
}

/** Heredocs take no escapes at all (`$${` and `%%{` stay as written, as in quoted strings). */
function decodeHeredoc(src: string, t: Token): string {
  return src.slice(t.s, t.e);
}

/** `line L, column C` of an offset. */
export function lineCol(src: string, offset: number): string {
  let line = 1;
  let last = -1;
  for (let i = src.indexOf('\n'); i >= 0 && i < offset; i = src.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return `${line},${offset - last}`;
}

/** Parses a whole `.tf` file into its body. Throws HclSyntaxError (offset, summary, detail). */
export function parseHclBody(src: string): Body {
  return new Parser(src, tokenize(src)).parseFile();
}
