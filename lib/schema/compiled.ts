/**
 * Schema data compiled once per block or property set, on first use: specs parsed, required
 * names listed, enumerations as sets, registry patterns as RegExps. Validation then does map
 * lookups only (a 64-region output has ~3,600 records; the data is shared by all records of a type).
 */
import { AttrSpec, readSpec, TextSpec, TfBlock } from './format';

/** A property's string constraints, the pattern compiled. */
export interface CompiledText {
  readonly pattern?: RegExp;
  /** The pattern as the schema writes it (for messages). */
  readonly patternText?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
}

export interface CompiledAttr {
  readonly type: string;
  readonly required: boolean;
  readonly allowed?: ReadonlyArray<string | number>;
  /** `allowed` as strings, for lookups. */
  readonly allowedSet?: ReadonlySet<string>;
  /** String constraints (CloudFormation registry `pattern`, `minLength`, `maxLength`). */
  readonly text?: CompiledText;
}

export interface CompiledProps {
  readonly attrs: ReadonlyMap<string, CompiledAttr>;
  readonly required: readonly string[];
}

export interface CompiledBlock extends CompiledProps {
  readonly blocks: ReadonlyMap<string, { readonly block: TfBlock; readonly min: number; readonly max: number }>;
  readonly requiredBlocks: ReadonlyArray<readonly [string, number]>;
  readonly computed: ReadonlySet<string>;
  /** Every argument and block name, for suggestions. */
  readonly names: readonly string[];
}

/**
 * A pattern that does not compile here is left out (the generator only writes patterns that
 * compile, so this guards against a hand-edited data file, not a normal case).
 */
function compileText(t: TextSpec): CompiledText | undefined {
  let pattern: RegExp | undefined;
  if (t.p !== undefined) {
    try {
      pattern = new RegExp(t.p, t.f ?? 'u');
    } catch {
      pattern = undefined;
    }
  }
  if (!pattern && t.n === undefined && t.x === undefined) return undefined;
  return { ...(pattern ? { pattern, patternText: t.o ?? t.p } : {}), ...(t.n !== undefined ? { minLength: t.n } : {}), ...(t.x !== undefined ? { maxLength: t.x } : {}) };
}

function compileAttr(spec: AttrSpec): CompiledAttr {
  const { type, required, allowed, text } = readSpec(spec);
  const compiledText = text && compileText(text);
  return {
    type,
    required,
    ...(allowed ? { allowed, allowedSet: new Set(allowed.map(String)) } : {}),
    ...(compiledText ? { text: compiledText } : {}),
  };
}

const props = new WeakMap<object, CompiledProps>();

/** Compiled CloudFormation properties (of a resource or a property type). */
export function compileProps(p: Record<string, AttrSpec>): CompiledProps {
  let c = props.get(p);
  if (!c) {
    const attrs = new Map(Object.entries(p).map(([k, s]) => [k, compileAttr(s)]));
    c = { attrs, required: [...attrs].filter(([, a]) => a.required).map(([k]) => k) };
    props.set(p, c);
  }
  return c;
}

const blocks = new WeakMap<TfBlock, CompiledBlock>();

/** A compiled Terraform block. */
export function compileBlock(b: TfBlock): CompiledBlock {
  let c = blocks.get(b);
  if (!c) {
    const base = compileProps(b.a ?? {});
    const nested = new Map(Object.entries(b.b ?? {}).map(([k, [block, min, max]]) => [k, { block, min, max }]));
    c = {
      ...base,
      blocks: nested,
      requiredBlocks: [...nested].filter(([, x]) => x.min > 0).map(([k, x]) => [k, x.min] as const),
      computed: new Set(b.c ?? []),
      names: [...base.attrs.keys(), ...nested.keys()],
    };
    blocks.set(b, c);
  }
  return c;
}
