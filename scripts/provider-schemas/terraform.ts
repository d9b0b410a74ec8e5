/**
 * Terraform provider schemas from prebuilt cdktf bindings (`@cdktf/provider-*`): their `.jsii`
 * assembly describes every resource and data source as a config struct whose properties are the
 * Terraform arguments (required unless `optional`), nested blocks as struct types (a block with
 * at most one item is a single struct, others `IResolvable | Struct[]`), and the resource class
 * exposes computed-only attributes as read-only getters.
 *
 * Terraform names come from the registry links in each property's docs
 * (`...#resource_group_name ResourceGroup#resource_group_name`), never from re-casing camelCase.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { AttrSpec, TfBlock, TfProviderSchema } from '../../lib/schema/format';
import { DocEnum, documentedValues } from './documented-values';

interface JsiiType {
  readonly primitive?: string;
  readonly fqn?: string;
  readonly collection?: { readonly kind: 'array' | 'map'; readonly elementtype: JsiiType };
  readonly union?: { readonly types: readonly JsiiType[] };
}
interface JsiiProperty {
  readonly name: string;
  readonly optional?: boolean;
  readonly immutable?: boolean;
  readonly static?: boolean;
  readonly docs?: { readonly summary?: string; readonly remarks?: string };
  readonly type: JsiiType;
}
interface JsiiClassOrStruct {
  readonly kind: 'class' | 'interface' | 'enum';
  readonly fqn: string;
  readonly base?: string;
  readonly datatype?: boolean;
  readonly docs?: { readonly summary?: string };
  readonly initializer?: { readonly parameters?: ReadonlyArray<{ readonly name: string; readonly type: JsiiType }> };
  readonly properties?: readonly JsiiProperty[];
}
interface JsiiAssembly {
  readonly name: string;
  readonly version: string;
  readonly types: Record<string, JsiiClassOrStruct>;
}

/** A binding package found in node_modules. */
export interface BindingPackage {
  readonly dir: string;
  readonly name: string;
  readonly version: string;
  /** Provider registry source (`registry.terraform.io/hashicorp/azurerm`). */
  readonly source: string;
  /** The provider version the binding pins. */
  readonly providerVersion: string;
}

/** Every `@cdktf/provider-*` package installed under `root/node_modules`. */
export function findBindings(root: string): BindingPackage[] {
  const scope = path.join(root, 'node_modules', '@cdktf');
  if (!fs.existsSync(scope)) return [];
  const out: BindingPackage[] = [];
  for (const name of fs.readdirSync(scope).sort()) {
    if (!name.startsWith('provider-') || name === 'provider-generator' || name === 'provider-schema') continue;
    const dir = path.join(scope, name);
    const pkgFile = path.join(dir, 'package.json');
    if (!fs.existsSync(pkgFile) || !fs.existsSync(path.join(dir, '.jsii'))) continue;
    const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
    const pinned = providerPin(pkg, dir);
    if (!pinned) throw new Error(`${pkg.name}: cannot tell which provider version it pins (no cdktf.provider in package.json, no version in README.md)`);
    out.push({ dir, name: pkg.name, version: pkg.version, ...pinned });
  }
  return out;
}

/** The provider source and version a binding was generated for: `package.json` `cdktf.provider`, else its README title. */
export function providerPin(pkg: { cdktf?: { provider?: { name?: string; version?: string } } }, dir: string): { source: string; providerVersion: string } | undefined {
  const p = pkg.cdktf?.provider;
  if (p?.name && p.version) return { source: p.name, providerVersion: p.version };
  const readme = path.join(dir, 'README.md');
  const m = fs.existsSync(readme) ? /bindings for ([\w-]+)\/([\w-]+) provider version (\d+\.\d+\.\d+)/.exec(fs.readFileSync(readme, 'utf8')) : null;
  return m ? { source: `registry.terraform.io/${m[1]}/${m[2]}`, providerVersion: m[3] } : undefined;
}

const BOOL_UNION = (t: JsiiType) => t.union?.types.some((x) => x.primitive === 'boolean');

/** The Terraform name of a property, from its registry link (`...#name Class#name}`). */
function terraformName(p: JsiiProperty): string | undefined {
  const text = `${p.docs?.summary ?? ''} ${p.docs?.remarks ?? ''}`;
  const m = /#([A-Za-z0-9_-]+)\}/.exec(text);
  return m ? m[1] : undefined;
}

/** `currentKubernetesVersion` -> `current_kubernetes_version` (only for computed getters, which carry no link). */
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

class Reader {
  private readonly blocks = new Map<string, TfBlock>();

  constructor(private readonly jsii: JsiiAssembly) {}

  /** Scalar/collection type code, or a block reference. */
  private classify(t: JsiiType): { code: string } | { struct: string; list: boolean } {
    if (t.primitive) return { code: t.primitive === 'string' ? 's' : t.primitive === 'number' ? 'n' : t.primitive === 'boolean' ? 'b' : 'j' };
    if (BOOL_UNION(t)) return { code: 'b' };
    if (t.fqn && this.isStruct(t.fqn)) return { struct: t.fqn, list: false };
    const members = t.union?.types.filter((x) => x.fqn !== 'cdktf.IResolvable') ?? [];
    if (members.length === 1) {
      const inner = members[0];
      const el = inner.collection?.elementtype;
      if (inner.collection?.kind === 'array' && el?.fqn && this.isStruct(el.fqn)) return { struct: el.fqn, list: true };
      return this.classify(inner);
    }
    if (t.collection) {
      const el = this.classify(t.collection.elementtype);
      if (!('code' in el)) return { code: 'j' };
      return { code: `${t.collection.kind === 'array' ? '[' : '{'}${el.code}` };
    }
    return { code: 'j' };
  }

  private isStruct(fqn: string): boolean {
    const t = this.jsii.types[fqn];
    return !!t && t.kind === 'interface' && !!t.datatype;
  }

  /** The block a config struct describes (memoized per struct and block name: enumerations are looked up by block name). */
  block(structFqn: string, outputClassFqn: string | undefined, enums: readonly DocEnum[], blockName: string, depth = 0): TfBlock {
    const key = `${structFqn}\u0000${blockName}`;
    const cached = this.blocks.get(key);
    if (cached) return cached;
    const struct = this.jsii.types[structFqn];
    const a: Record<string, AttrSpec> = {};
    const b: Record<string, [TfBlock, number, number]> = {};
    const configNames = new Set<string>();
    for (const p of struct.properties ?? []) {
      configNames.add(p.name);
      const name = terraformName(p);
      if (!name) throw new Error(`${structFqn}.${p.name}: no Terraform name in its docs`);
      const kind = this.classify(p.type);
      if ('struct' in kind) {
        if (depth > 24) continue;
        const nested = this.block(kind.struct, `${kind.struct}OutputReference`, enums, name, depth + 1);
        b[name] = [nested, p.optional ? 0 : 1, kind.list ? 0 : 1];
        continue;
      }
      const required = p.optional ? '' : '!';
      const values = kind.code === 's' || kind.code === '[s' ? enumOf(p, enums, blockName, name) : undefined;
      a[name] = values ? [`${kind.code}${required}`, values] : `${kind.code}${required}`;
    }
    const c = this.computedOnly(outputClassFqn, configNames);
    const block: TfBlock = { ...(Object.keys(a).length ? { a } : {}), ...(Object.keys(b).length ? { b } : {}), ...(c.length ? { c } : {}) };
    this.blocks.set(key, block);
    return block;
  }

  /** Read-only getters of a resource or output-reference class that are not config properties. */
  private computedOnly(classFqn: string | undefined, configNames: ReadonlySet<string>): string[] {
    const cls = classFqn ? this.jsii.types[classFqn] : undefined;
    if (!cls || cls.kind !== 'class') return [];
    return (cls.properties ?? [])
      .filter((p) => p.immutable && !p.static && !p.name.endsWith('Input') && !configNames.has(p.name) && !['fqn', 'creationStack', 'terraformResourceType', 'terraformGeneratorMetadata', 'friendlyUniqueId', 'internalValue'].includes(p.name))
      .map((p) => snake(p.name))
      .sort();
  }
}

/** The documented enumeration of an attribute: the binding's own docs first, then the provider's registry docs. */
function enumOf(p: JsiiProperty, enums: readonly DocEnum[], blockName: string, name: string): string[] | undefined {
  const own = documentedValues(`${p.docs?.summary ?? ''} ${p.docs?.remarks ?? ''}`.replace(/Docs at Terraform Registry:.*$/s, ''));
  if (own) return own;
  const doc = enums.find((e) => e.attribute === name && e.block === blockName);
  return doc ? [...doc.values] : undefined;
}

/** The resource or data source type a class represents, from its summary link text. */
function terraformType(cls: JsiiClassOrStruct): string | undefined {
  const m = /\{@link \S+ ([a-z0-9_]+)\}/.exec(cls.docs?.summary ?? '');
  return m ? m[1] : undefined;
}

export interface DocEnums {
  readonly resources: ReadonlyMap<string, readonly DocEnum[]>;
  readonly dataSources: ReadonlyMap<string, readonly DocEnum[]>;
}

/** Reads one binding's `.jsii` (tens of MB: only this script does) into the compact schema. */
export function providerSchema(binding: BindingPackage, docEnums: DocEnums | undefined, enumerations: string, generated: string): TfProviderSchema {
  const jsii = JSON.parse(fs.readFileSync(path.join(binding.dir, '.jsii'), 'utf8')) as JsiiAssembly;
  const reader = new Reader(jsii);
  const resources: Record<string, TfBlock> = {};
  const dataSources: Record<string, TfBlock> = {};
  for (const cls of Object.values(jsii.types)) {
    if (cls.kind !== 'class') continue;
    const isResource = cls.base === 'cdktf.TerraformResource';
    const isData = cls.base === 'cdktf.TerraformDataSource';
    if (!isResource && !isData) continue;
    const type = terraformType(cls);
    const config = cls.initializer?.parameters?.find((p) => p.name === 'config')?.type.fqn;
    if (!type || !config) throw new Error(`${cls.fqn}: cannot read its Terraform type or config struct`);
    const enums = (isResource ? docEnums?.resources : docEnums?.dataSources)?.get(type) ?? [];
    (isResource ? resources : dataSources)[type] = reader.block(config, cls.fqn, enums, '');
  }
  const sortKeys = <T>(o: Record<string, T>) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
  return {
    provider: binding.source.split('/').pop() as string,
    source: binding.source,
    version: binding.providerVersion,
    binding: `${binding.name}@${binding.version}`,
    enumerations,
    generated,
    resources: sortKeys(resources),
    dataSources: sortKeys(dataSources),
  };
}
