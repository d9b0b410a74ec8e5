/**
 * Regenerates lib/policy/detect/sensitive-attributes.json: which resource attributes hold secrets,
 * taken from the providers' own schemas, not guessed from attribute names at run time.
 *
 *   npx tsx scripts/gen-sensitive-attributes.ts \
 *     --aws <git dir of lonegunmanb/terraform-aws-schema> --aws-ref v6.47.0 \
 *     --azurerm <git dir of lonegunmanb/terraform-azurerm-schema> --azurerm-ref v4.55.0 \
 *     --cfn <git dir of hashicorp/terraform-provider-awscc> --cfn-ref <commit> \
 *     --checked YYYY-MM-DD
 *
 * Sources (all local git checkouts; nothing is downloaded by this script):
 * - Terraform: `terraform providers schema -json` of hashicorp/aws and hashicorp/azurerm, as published per
 *   provider release by lonegunmanb/terraform-{aws,azurerm}-schema (`generated/resource/*.go` embed the JSON;
 *   `generated/register.go` maps type names to them). Every attribute with `"sensitive": true`, at any block
 *   depth, is listed with its block path. The list of every resource type of the provider is kept too, so the
 *   detector knows when a type is unknown (newer than the table) and falls back to name judgement.
 * - CloudFormation: the CloudFormation registry resource schemas vendored by hashicorp/terraform-provider-awscc
 *   (`internal/service/cloudformation/schemas/*.json`). The registry has no "sensitive" flag: a property is listed
 *   when it is a string whose own name is a credential noun (password, secret, private/secret/API key, access or
 *   auth token, pre-shared key, API key value, keytab: `isCredentialName` in lib/policy/detect/credential-names.ts), at any depth (`$ref` definitions followed);
 *   `writeOnly` says whether the registry also marks it write-only (never returned by the API).
 *   Read-only properties (outputs) and enumerations are skipped.
 * Procedure without those checkouts: use the search tool's `fetch` (or `git clone`) of the three repositories,
 * check out the tags above, run this script, review the diff of the JSON and commit it with the date checked.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { isCredentialName } from '../lib/policy/detect/credential-names';
import { writeIfChanged, written } from './write-if-changed';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function arg(name: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  if (!v) throw new Error(`missing --${name} (see the header of scripts/gen-sensitive-attributes.ts)`);
  return v;
}

const git = (dir: string, ...args: string[]) => execFileSync('git', ['--git-dir', dir, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });

/** Sensitive attribute paths of a Terraform block schema (`block.attributes`, `block.block_types.*.block`). */
function tfSensitive(block: Json, prefix: string[], out: string[]): void {
  const attrs = isObj(block.attributes) ? block.attributes : {};
  for (const [name, a] of Object.entries(attrs)) {
    if (!isObj(a)) continue;
    if (a.sensitive === true) out.push([...prefix, name].join('.'));
    // Nested attribute types (plugin framework) keep their own attributes.
    const nested = isObj(a.nested_type) ? a.nested_type : undefined;
    if (nested) tfSensitive(nested, [...prefix, name], out);
  }
  const types = isObj(block.block_types) ? block.block_types : {};
  for (const [name, b] of Object.entries(types)) {
    if (isObj(b) && isObj(b.block)) tfSensitive(b.block, [...prefix, name], out);
  }
}

function terraformProvider(dir: string, ref: string, goModule: string): { version: string; types: string[]; sensitive: Record<string, string[]>; unread: string[] } {
  const register = git(dir, 'show', `${ref}:generated/register.go`);
  const types: Array<[string, string]> = [];
  for (const m of register.matchAll(/resources\["([a-z0-9_]+)"\]\s*=\s*resource\.(\w+)Schema\(\)/g)) types.push([m[1], m[2]]);
  if (types.length < 100) throw new Error(`${goModule}@${ref}: register.go lists only ${types.length} resources`);
  const sensitive: Record<string, string[]> = {};
  const unread: string[] = [];
  for (const [type, fn] of types) {
    const file = `generated/resource/${fn.charAt(0).toLowerCase()}${fn.slice(1)}.go`;
    let src: string;
    try {
      src = git(dir, 'show', `${ref}:${file}`);
    } catch {
      // A partial mirror may lack its largest blobs: those types are listed as unread (name judgement applies to them).
      unread.push(type);
      continue;
    }
    // A Go raw string cannot hold a backtick: the generator splices them in as ` + "`" + `.
    const json = /= `([\s\S]*?)`\s*\n\s*func /.exec(src)?.[1]?.split('` + "`" + `').join('`');
    if (!json) throw new Error(`${file}: no embedded schema`);
    const schema = JSON.parse(json) as Json;
    const out: string[] = [];
    if (isObj(schema.block)) tfSensitive(schema.block, [], out);
    if (out.length) sensitive[type] = out.sort();
  }
  const unreadSet = new Set(unread);
  return { version: ref.replace(/^v/, ''), types: types.map(([t]) => t).filter((t) => !unreadSet.has(t)).sort(), sensitive, unread: unread.sort() };
}

type Schema = Json & { properties?: Json; definitions?: Json; writeOnlyProperties?: string[] };

function cfnPaths(schema: Schema): Array<{ path: string; writeOnly: boolean }> {
  const norm = (p: string) => p.replace(/^\/properties\//, '').split('/').filter((s) => s !== '*').join('.');
  const writeOnly = new Set((schema.writeOnlyProperties ?? []).map(norm));
  // Outputs (a generated client secret) are not inputs a template can hold.
  const readOnly = new Set(((schema.readOnlyProperties as string[] | undefined) ?? []).map(norm));
  const defs = isObj(schema.definitions) ? schema.definitions : {};
  const out: Array<{ path: string; writeOnly: boolean }> = [];
  const visit = (node: unknown, trail: string[], seen: Set<string>, depth: number): void => {
    if (!isObj(node) || depth > 10) return;
    const ref = typeof node.$ref === 'string' ? node.$ref.replace('#/definitions/', '') : undefined;
    if (ref) {
      if (seen.has(ref)) return;
      return visit(defs[ref], trail, new Set([...seen, ref]), depth + 1);
    }
    if (isObj(node.items)) return visit(node.items, trail, seen, depth + 1);
    for (const alt of ['oneOf', 'anyOf', 'allOf'] as const) {
      const list = node[alt];
      if (Array.isArray(list)) for (const x of list) visit(x, trail, seen, depth + 1);
    }
    const props = isObj(node.properties) ? node.properties : undefined;
    if (!props) return;
    for (const [name, p] of Object.entries(props)) {
      const here = [...trail, name];
      const pType = isObj(p) ? p.type : undefined;
      const resolved = isObj(p) && typeof p.$ref === 'string' ? defs[p.$ref.replace('#/definitions/', '')] : p;
      const rType = isObj(resolved) ? resolved.type : undefined;
      const stringish = pType === 'string' || rType === 'string' || (pType === undefined && rType === undefined);
      // Enumerations (`TokenValidityUnits.AccessToken: hours`) are settings, not credentials.
      // So are token lifetimes (`TokenValidityUnits.AccessToken: hours`).
      const enumerated = (isObj(p) && Array.isArray(p.enum)) || (isObj(resolved) && Array.isArray(resolved.enum)) || trail.some((t) => /Validity|Units$/.test(t));
      if (stringish && !enumerated && !readOnly.has(here.join('.')) && isCredentialName(name)) out.push({ path: here.join('.'), writeOnly: writeOnly.has(here.join('.')) });
      visit(p, here, seen, depth + 1);
    }
  };
  visit({ properties: schema.properties }, [], new Set(), 0);
  return out;
}

function cloudformation(dir: string, ref: string): { sensitive: Record<string, string[]>; writeOnly: Record<string, string[]>; types: number } {
  const base = 'internal/service/cloudformation/schemas';
  const names = git(dir, 'ls-tree', '--name-only', `${ref}:${base}`).split('\n').filter((f) => f.endsWith('.json'));
  const sensitive: Record<string, string[]> = {};
  const writeOnly: Record<string, string[]> = {};
  let types = 0;
  for (const f of names) {
    const schema = JSON.parse(git(dir, 'show', `${ref}:${base}/${f}`)) as Schema;
    const type = typeof schema.typeName === 'string' ? schema.typeName : undefined;
    if (!type) continue;
    types++;
    const paths = cfnPaths(schema);
    if (paths.length === 0) continue;
    sensitive[type] = [...new Set(paths.map((p) => p.path))].sort();
    const wo = [...new Set(paths.filter((p) => p.writeOnly).map((p) => p.path))].sort();
    if (wo.length) writeOnly[type] = wo;
  }
  return { sensitive: sortKeys(sensitive), writeOnly: sortKeys(writeOnly), types };
}

const sortKeys = <T>(o: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));

function main(): void {
  const checked = arg('checked');
  const aws = terraformProvider(arg('aws'), arg('aws-ref'), 'lonegunmanb/terraform-aws-schema');
  const azurerm = terraformProvider(arg('azurerm'), arg('azurerm-ref'), 'lonegunmanb/terraform-azurerm-schema');
  const cfnRef = arg('cfn-ref');
  const cfn = cloudformation(arg('cfn'), cfnRef);
  const table = {
    $comment: 'Generated by scripts/gen-sensitive-attributes.ts; do not edit by hand (see its header for the procedure).',
    checked,
    terraform: {
      aws: { provider: 'hashicorp/aws', version: aws.version, source: `lonegunmanb/terraform-aws-schema@v${aws.version} (terraform providers schema -json)`, unread: aws.unread, types: aws.types },
      azurerm: {
        provider: 'hashicorp/azurerm',
        version: azurerm.version,
        source: `lonegunmanb/terraform-azurerm-schema@v${azurerm.version} (terraform providers schema -json)`,
        unread: azurerm.unread,
        types: azurerm.types,
      },
      sensitive: sortKeys({ ...aws.sensitive, ...azurerm.sensitive }),
    },
    cloudformation: {
      source: `CloudFormation registry schemas vendored in hashicorp/terraform-provider-awscc@${cfnRef} (internal/service/cloudformation/schemas, ${cfn.types} types)`,
      sensitive: cfn.sensitive,
      writeOnly: cfn.writeOnly,
    },
  };
  const out = path.join(__dirname, '..', 'lib', 'policy', 'detect', 'sensitive-attributes.json');
  const wrote = writeIfChanged(out, `${JSON.stringify(table, null, 1)}\n`);
  const count = (o: Record<string, string[]>) => Object.values(o).reduce((n, l) => n + l.length, 0);
  process.stdout.write(
    `${written(out, wrote)}: terraform ${Object.keys(table.terraform.sensitive).length} types / ${count(table.terraform.sensitive)} attributes ` +
      `(aws ${aws.types.length} types + ${aws.unread.length} unread, azurerm ${azurerm.types.length} + ${azurerm.unread.length} unread); cloudformation ${Object.keys(cfn.sensitive).length} types / ${count(cfn.sensitive)} properties\n`,
  );
}

if (require.main === module) main();
