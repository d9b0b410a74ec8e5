/**
 * The parse tree of `parser.ts` in the shape `@cdktf/hcl2json` returns (see the rules there,
 * which follow tmccombs/hcl2json `convert/convert.go`).
 */
import type { Body, Expr, TplNode } from './parser';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

/** Sets a key; `__proto__` as an own property (as JSON.parse does), never the prototype. */
function set(o: Obj, key: string, value: Json): void {
  if (key === '__proto__') Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}

/** A block whose type or labels clash with an argument of the same name: the JSON shape cannot hold both. */
export class HclShapeError extends Error {}

const own = (o: Obj, key: string): Json | undefined => (Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined);

export class HclConverter {
  constructor(private readonly src: string) {}

  private source(e: { s: number; e: number }): string {
    // hcl2json includes a closing parenthesis that directly follows an expression's range.
    const end = this.src.charCodeAt(e.e) === 41 ? e.e + 1 : e.e;
    return this.src.slice(e.s, end);
  }

  private wrap(e: { s: number; e: number }): string {
    return `\${${this.source(e)}}`;
  }

  body(b: Body): Obj {
    const out: Obj = {};
    for (const block of b.blocks) this.block(block.type, block.labels, this.body(block.body), out);
    for (const a of b.attributes) set(out, a.name, this.expr(a.expr));
    return out;
  }

  private block(type: string, labels: readonly string[], value: Obj, root: Obj): void {
    let out = root;
    let key = type;
    for (const label of labels) {
      const existing = own(out, key);
      if (existing === undefined) set(out, key, {});
      else if (typeof existing !== 'object' || existing === null || Array.isArray(existing)) {
        throw new HclShapeError(`block ${[type, ...labels].join('.')} clashes with an argument of the same name`);
      }
      out = own(out, key) as Obj;
      key = label;
    }
    const current = own(out, key);
    if (Array.isArray(current)) current.push(value);
    else if (current === undefined) set(out, key, [value]);
    else throw new HclShapeError(`block ${[type, ...labels].join('.')} clashes with an argument of the same name`);
  }

  expr(e: Expr): Json {
    switch (e.k) {
      case 'num': case 'bool': return e.v;
      case 'null': return null;
      case 'str': return e.v;
      case 'unary': {
        const o = e.operand;
        if (e.op === '-' && o.k === 'num') return -o.v;
        if (e.op === '!' && o.k === 'bool') return !o.v;
        return this.wrap(e);
      }
      case 'tpl': return e.passthru ? this.expr(e.passthru) : this.template(e.parts);
      case 'tuple': return e.items.map((x) => this.expr(x));
      case 'object': {
        const m: Obj = {};
        for (const item of e.items) set(m, this.key(item.key), this.expr(item.value));
        return m;
      }
      default:
        return this.wrap(e);
    }
  }

  private template(parts: readonly TplNode[]): string {
    if (parts.length === 1 && parts[0].k === 'str') return parts[0].v;
    let out = '';
    for (const p of parts) out += this.part(p);
    return out;
  }

  private part(p: TplNode): string {
    switch (p.k) {
      case 'str': return p.v;
      case 'num': return String(p.v);
      case 'bool': return p.v ? 'true' : 'false';
      case 'null': return '';
      case 'tpl': return p.passthru ? this.part(p.passthru) : this.template(p.parts);
      case 'cond': return this.conditional(this.source(p.cond), this.part(p.t), this.part(p.f));
      case 'if': return this.conditional(this.source(p.cond), this.template(p.t), this.template(p.f));
      case 'for': return `%{for ${p.keyVar ? `${p.keyVar}, ` : ''}${p.valVar} in ${this.source(p.coll)}}${this.template(p.body)}%{endfor}`;
      default: return this.wrap(p);
    }
  }

  private conditional(cond: string, t: string, f: string): string {
    return `%{if ${cond}}${t}${f.length > 0 ? `%{else}${f}` : ''}%{endif}`;
  }

  private key(k: Expr): string {
    if (k.k === 'trav') return this.source(k);
    return this.part(k);
  }
}

/**
 * Keys in sorted order at every level, as hcl2json returns them (Go's JSON encoder sorts map
 * keys): consumers list resources and module calls in this order.
 */
export function sortedKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortedKeys);
  if (v === null || typeof v !== 'object') return v;
  const out: Obj = {};
  for (const k of Object.keys(v).sort()) set(out, k, sortedKeys(v[k]));
  return out;
}
