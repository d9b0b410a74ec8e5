/**
 * Extracts set-typed attribute paths per azurerm resource type from the installed
 * @cdktf/provider-azurerm package (used by scripts/gen-list-semantics.ts and its staleness test;
 * never at run time: the generated JSON is what the differ reads).
 *
 * Every generated resource module has one `*ToHclTerraform(struct)` function per nested block
 * and a `synthesizeHclAttributes()` method on the resource class, each listing its attributes as
 * `name: { value: ..., isBlock, type: "simple" | "list" | "set" | "map" | ..., storageClassType }`;
 * a block attribute's `value` names the function of the nested block.
 */
import * as fs from 'fs';
import * as path from 'path';

export const AZURERM_SETS_FILE = path.join(__dirname, 'azurerm-sets.json');

interface Attr { readonly type: string; readonly nested?: string }

const ATTR = /^ {8,12}([a-z0-9_]+): \{\n\s+value: ([^\n]*)\n\s+isBlock: (?:true|false),\n\s+type: "([a-z]+)",/gm;
const FN = /^function (\w+)ToHclTerraform\(struct\) \{/gm;

function attrsOf(body: string): Map<string, Attr> {
  const out = new Map<string, Attr>();
  for (const m of body.matchAll(ATTR)) {
    const nested = /\b(\w+)ToHclTerraform\b/.exec(m[2].replace(/cdktf\.\w+ToHclTerraform/g, ''))?.[1];
    out.set(m[1], { type: m[3], nested });
  }
  return out;
}

/** Set paths of one generated module (dotted, block nesting by attribute name). */
export function setPathsOfModule(js: string): { type: string; paths: string[] } | undefined {
  const type = /\.tfResourceType = "([a-z0-9_]+)";/.exec(js)?.[1];
  if (!type) return undefined;
  const functions = new Map<string, Map<string, Attr>>();
  const starts = [...js.matchAll(FN)];
  starts.forEach((m, i) => functions.set(m[1], attrsOf(js.slice(m.index, starts[i + 1]?.index ?? js.indexOf('class ', m.index)))));
  const rootStart = js.indexOf('synthesizeHclAttributes() {');
  if (rootStart < 0) return { type, paths: [] };
  const root = attrsOf(js.slice(rootStart, js.indexOf('\n    }\n', rootStart)));
  const paths: string[] = [];
  const walk = (attrs: Map<string, Attr>, prefix: string, depth: number) => {
    for (const [name, a] of [...attrs.entries()].sort(([x], [y]) => x.localeCompare(y))) {
      const p = prefix ? `${prefix}.${name}` : name;
      if (a.type === 'set') paths.push(p);
      const nested = a.nested ? functions.get(a.nested) : undefined;
      if (nested && depth < 8) walk(nested, p, depth + 1);
    }
  };
  walk(root, '', 0);
  return { type, paths };
}

export interface AzurermSets {
  readonly source: string;
  readonly generated: string;
  readonly resources: Readonly<Record<string, readonly string[]>>;
}

export function buildAzurermSets(): AzurermSets {
  const pkgDir = path.dirname(require.resolve('@cdktf/provider-azurerm/package.json'));
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string; cdktf?: { provider?: { version?: string } } };
  const lib = path.join(pkgDir, 'lib');
  const resources: Record<string, string[]> = {};
  for (const dir of fs.readdirSync(lib).sort()) {
    const file = path.join(lib, dir, 'index.js');
    if (dir.startsWith('data-') || dir === 'provider' || !fs.existsSync(file)) continue;
    const r = setPathsOfModule(fs.readFileSync(file, 'utf8'));
    if (r && r.paths.length > 0) resources[r.type] = r.paths;
  }
  return {
    source: `@cdktf/provider-azurerm ${pkg.version} (azurerm ${pkg.cdktf?.provider?.version ?? 'unknown'}): attributes whose generated synthesizeHclAttributes type is "set" (schema.TypeSet)`,
    generated: 'checked 2026-12-01',
    resources: Object.fromEntries(Object.entries(resources).sort(([a], [b]) => a.localeCompare(b))),
  };
}
