/**
 * Best-effort reader of the HCL object/list expression inside `${jsonencode(...)}`.
 *
 * `@cdktf/hcl2json` leaves every expression that is not a plain literal as a `${...}` string,
 * so an IAM policy written with `jsonencode({ Statement = [...] })` in a `.tf` file reaches
 * the rules as text. This parser understands the literal subset people write inside
 * `jsonencode` (objects with `=`/`:`, lists, strings, numbers, booleans, null, comments) and
 * keeps anything else (references, function calls, `for` expressions) as a `${...}` string,
 * so a rule treats it as a token. It never throws: undefined means "could not read".
 */

class Cursor {
  i = 0;
  constructor(readonly s: string) {}

  skip(): void {
    const s = this.s;
    for (;;) {
      const c = s[this.i];
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') this.i++;
      else if (c === '#' || (c === '/' && s[this.i + 1] === '/')) {
        while (this.i < s.length && s[this.i] !== '\n') this.i++;
      } else if (c === '/' && s[this.i + 1] === '*') {
        const end = s.indexOf('*/', this.i + 2);
        this.i = end < 0 ? s.length : end + 2;
      } else return;
    }
  }
}

class Unreadable extends Error {}

function parseString(c: Cursor): string {
  const s = c.s;
  let out = '';
  c.i++; // opening quote
  while (c.i < s.length) {
    const ch = s[c.i];
    if (ch === '"') {
      c.i++;
      return out;
    }
    if (ch === '\\') {
      const n = s[c.i + 1];
      out += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n;
      c.i += 2;
      continue;
    }
    if (ch === '$' && s[c.i + 1] === '{') {
      // Keep interpolations verbatim (they mark the value as a token).
      const end = matchBrace(s, c.i + 1);
      out += s.slice(c.i, end + 1);
      c.i = end + 1;
      continue;
    }
    out += ch;
    c.i++;
  }
  throw new Unreadable();
}

/** Index of the bracket closing the one at `open`, skipping strings. */
function matchBrace(s: string, open: number): number {
  const pairs: Record<string, string> = { '{': '}', '[': ']', '(': ')' };
  const stack: string[] = [];
  for (let i = open; i < s.length; i++) {
    const ch = s[i];
    if (ch === '"') {
      for (i++; i < s.length && s[i] !== '"'; i++) if (s[i] === '\\') i++;
      continue;
    }
    if (pairs[ch]) stack.push(pairs[ch]);
    else if (ch === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return i;
    }
  }
  throw new Unreadable();
}

/** An expression we do not evaluate (reference, call, operator): kept as a `${...}` token. */
function parseRaw(c: Cursor): string {
  const s = c.s;
  const start = c.i;
  while (c.i < s.length) {
    const ch = s[c.i];
    if (ch === ',' || ch === '\n' || ch === '}' || ch === ']') break;
    if (ch === '(' || ch === '[' || ch === '{') {
      c.i = matchBrace(s, c.i) + 1;
      continue;
    }
    if (ch === '"') {
      parseString(c);
      continue;
    }
    c.i++;
  }
  const raw = s.slice(start, c.i).trim();
  if (!raw) throw new Unreadable();
  return '${' + raw + '}';
}

function parseValue(c: Cursor, depth: number): unknown {
  if (depth > 64) throw new Unreadable();
  c.skip();
  const ch = c.s[c.i];
  if (ch === '{') {
    // A `for` expression in braces is not an object literal.
    if (/^\{\s*for\s/.test(c.s.slice(c.i, c.i + 12))) return parseRaw(c);
    return parseObject(c, depth);
  }
  if (ch === '[') {
    if (/^\[\s*for\s/.test(c.s.slice(c.i, c.i + 12))) return parseRaw(c);
    return parseList(c, depth);
  }
  if (ch === '"') return parseString(c);
  const m = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)(?=[\s,\]}]|$)/.exec(c.s.slice(c.i, c.i + 40));
  if (m) {
    c.i += m[0].length;
    return m[1] === 'true' ? true : m[1] === 'false' ? false : m[1] === 'null' ? null : Number(m[1]);
  }
  return parseRaw(c);
}

function parseObject(c: Cursor, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  c.i++;
  for (;;) {
    c.skip();
    const ch = c.s[c.i];
    if (ch === '}') {
      c.i++;
      return out;
    }
    if (ch === ',') {
      c.i++;
      continue;
    }
    let key: string;
    if (ch === '"') key = parseString(c);
    else {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(c.s.slice(c.i, c.i + 256));
      if (!m) throw new Unreadable();
      key = m[0];
      c.i += key.length;
    }
    c.skip();
    const sep = c.s[c.i];
    if (sep !== '=' && sep !== ':') throw new Unreadable();
    c.i++;
    out[key] = parseValue(c, depth + 1);
  }
}

function parseList(c: Cursor, depth: number): unknown[] {
  const out: unknown[] = [];
  c.i++;
  for (;;) {
    c.skip();
    const ch = c.s[c.i];
    if (ch === undefined) throw new Unreadable();
    if (ch === ']') {
      c.i++;
      return out;
    }
    if (ch === ',') {
      c.i++;
      continue;
    }
    out.push(parseValue(c, depth + 1));
  }
}

/** Reads the argument of `${jsonencode(...)}`; undefined when the text is not such a call or not readable. */
export function parseJsonencode(text: string): unknown {
  const m = /^\$\{\s*jsonencode\(([\s\S]*)\)\s*\}$/.exec(text.trim());
  if (!m) return undefined;
  try {
    const c = new Cursor(m[1]);
    const value = parseValue(c, 0);
    c.skip();
    return c.i >= c.s.length ? value : undefined;
  } catch (e) {
    if (e instanceof Unreadable) return undefined;
    throw e;
  }
}

/**
 * A document given as an object, a JSON string or `${jsonencode(...)}` text (IAM policies,
 * ECS container definitions, azapi bodies). Undefined when it is a reference or unreadable.
 */
export function decodeDocument(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      return JSON.parse(t);
    } catch {
      return undefined;
    }
  }
  if (t.startsWith('${') && /^\$\{\s*jsonencode\(/.test(t)) return parseJsonencode(t);
  return undefined;
}
