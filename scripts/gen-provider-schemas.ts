/**
 * `npm run schema:providers`: regenerates the committed schema data the `schema/*` rules read,
 * from the installed packages:
 * - `lib/schema/data/terraform/<provider>.json.gz` for every installed `@cdktf/provider-*`
 *   binding (its `.jsii`), keyed by provider name and the provider version the binding pins;
 * - `lib/schema/data/cloudformation.tsv.gz` from `@aws-cdk/aws-service-spec`, with the string
 *   constraints (`pattern`, `minLength`, `maxLength`) of the CloudFormation registry schemas, read
 *   from `@awboost/cfn-resource-types` (the service spec drops them; see
 *   provider-schemas/registry-constraints.ts).
 *
 * A file is written only when its bytes change (the generation date is kept when nothing else
 * did), so a re-run on up-to-date data leaves the tree and the files' times alone.
 *
 * Enumerations: the binding's own docs state them for providers whose schema has descriptions;
 * SDKv2 providers (azurerm) state them only in their registry documentation. Pass that with
 * `--docs <provider>=<dir>` (the provider repository's `website/docs` at the tag of the pinned
 * version, e.g. `git archive v4.55.0 website/docs` of hashicorp/terraform-provider-azurerm).
 * Without it, enumerations already committed for the same provider version are kept; for a new
 * version they are dropped with a warning (never carried over to a version they were not read for).
 *
 *   npm run schema:providers
 *   npm run schema:providers -- --docs azurerm=/tmp/azurerm/website/docs
 */
import * as fs from 'fs';
import * as path from 'path';
import { CFN_FILE } from '../lib/schema/data';
import { decodeCfn, decodeProvider, encodeCfn, encodeProvider, TfBlock, TfProviderSchema } from '../lib/schema/format';
import { cloudFormationSchema } from './provider-schemas/cloudformation';
import { readDocsFolder } from './provider-schemas/documented-values';
import { readRegistryTypes } from './provider-schemas/registry-constraints';
import { findBindings, providerSchema } from './provider-schemas/terraform';
import { writeIfChanged } from './write-if-changed';

const ROOT = path.resolve(__dirname, '..');
const DATA = path.join(ROOT, 'lib', 'schema', 'data');

function parseArgs(argv: readonly string[]): { docs: Map<string, string>; root: string; out: string } {
  const docs = new Map<string, string>();
  let root = ROOT;
  let out = DATA;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--docs') {
      const m = /^([a-z0-9-]+)=(.+)$/.exec(argv[++i] ?? '');
      if (!m) throw new Error('--docs needs <provider>=<website/docs directory>');
      docs.set(m[1], path.resolve(m[2]));
    } else if (a === '--root') root = path.resolve(argv[++i]);
    else if (a === '--out') out = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${a}`);
  }
  return { docs, root, out };
}

const read = (file: string): Buffer | undefined => (fs.existsSync(file) ? fs.readFileSync(file) : undefined);

/** Every enumeration of a committed block, by path, to carry over to a regeneration of the same provider version. */
function collectEnums(block: TfBlock, prefix: string, out: Map<string, Array<string | number>>): void {
  for (const [name, spec] of Object.entries(block.a ?? {})) if (typeof spec !== 'string' && spec[1]) out.set(`${prefix}${name}`, spec[1]);
  for (const [name, [nested]] of Object.entries(block.b ?? {})) collectEnums(nested, `${prefix}${name}.`, out);
}
function applyEnums(block: TfBlock, prefix: string, enums: ReadonlyMap<string, Array<string | number>>): TfBlock {
  const a = block.a ? Object.fromEntries(Object.entries(block.a).map(([n, s]) => {
    const values = enums.get(`${prefix}${n}`);
    return [n, values && typeof s === 'string' ? [s, values] : s];
  })) : undefined;
  const b = block.b ? Object.fromEntries(Object.entries(block.b).map(([n, [nested, min, max]]) => [n, [applyEnums(nested, `${prefix}${n}.`, enums), min, max]])) : undefined;
  return { ...(a ? { a } : {}), ...(b ? { b } : {}), ...(block.c ? { c: block.c } : {}) } as TfBlock;
}

/** Keeps the committed enumerations of the same provider version when no docs folder was given. */
function carryOverEnums(fresh: TfProviderSchema, committed: TfProviderSchema | undefined): TfProviderSchema {
  if (!committed || committed.version !== fresh.version || committed.enumerations === fresh.enumerations) return fresh;
  const carry = (kind: 'resources' | 'dataSources') => Object.fromEntries(Object.entries(fresh[kind]).map(([type, block]) => {
    const old = committed[kind][type];
    if (!old) return [type, block];
    const enums = new Map<string, Array<string | number>>();
    collectEnums(old, '', enums);
    return [type, applyEnums(block, '', enums)];
  }));
  return { ...fresh, enumerations: committed.enumerations, resources: carry('resources'), dataSources: carry('dataSources') };
}

function main(): void {
  const { docs, root, out } = parseArgs(process.argv.slice(2));
  const today = new Date().toISOString().slice(0, 10);
  const tfDir = path.join(out, 'terraform');
  fs.mkdirSync(tfDir, { recursive: true });
  const written: string[] = [];
  const bindings = findBindings(root);
  for (const binding of bindings) {
    const provider = binding.source.split('/').pop() as string;
    const file = path.join(tfDir, `${provider}.json.gz`);
    const committedBytes = read(file);
    const committed = committedBytes && decodeProvider(committedBytes, path.relative(ROOT, file));
    const docsDir = docs.get(provider);
    const docEnums = docsDir ? readDocsFolder(docsDir, provider) : undefined;
    const enumerations = docsDir
      ? `binding docs and the provider's registry documentation (website/docs of ${binding.source} v${binding.providerVersion})`
      : "binding docs ('Possible values are ...')";
    let schema = providerSchema(binding, docEnums, enumerations, today);
    if (!docsDir) {
      schema = carryOverEnums(schema, committed);
      if (committed && committed.version !== schema.version && committed.enumerations !== schema.enumerations) {
        process.stderr.write(`warning: ${provider} ${committed.version} -> ${schema.version}: documented enumerations dropped; re-run with --docs ${provider}=<website/docs of v${schema.version}>\n`);
      }
    }
    // Keep the committed date when nothing else changed, so a re-run is a no-op in git.
    let bytes = encodeProvider(schema);
    if (committed && committedBytes && encodeProvider({ ...schema, generated: committed.generated }).equals(committedBytes)) bytes = committedBytes;
    const changed = writeIfChanged(file, bytes);
    written.push(`${changed ? 'wrote' : 'unchanged'} ${path.relative(ROOT, file)} (${provider} ${schema.version} from ${schema.binding}: ${Object.keys(schema.resources).length} resources, ${Object.keys(schema.dataSources).length} data sources, ${fs.statSync(file).size} bytes)`);
  }
  for (const f of fs.readdirSync(tfDir)) {
    const provider = f.replace(/\.json\.gz$/, '');
    if (!bindings.some((b) => b.source.split('/').pop() === provider)) {
      fs.rmSync(path.join(tfDir, f));
      written.push(`removed ${f} (its binding is no longer installed)`);
    }
  }
  const cfnFile = path.join(out, CFN_FILE);
  const { schema: cfn, stats } = cloudFormationSchema(root, today, readRegistryTypes(root));
  const committedCfnBytes = read(cfnFile);
  const committedCfn = committedCfnBytes && decodeCfn(committedCfnBytes, path.relative(ROOT, cfnFile));
  let cfnBytes = encodeCfn(cfn);
  if (committedCfn && committedCfnBytes && encodeCfn({ ...cfn, generated: committedCfn.generated }).equals(committedCfnBytes)) cfnBytes = committedCfnBytes;
  const cfnChanged = writeIfChanged(cfnFile, cfnBytes);
  written.push(
    `${cfnChanged ? 'wrote' : 'unchanged'} ${path.relative(ROOT, cfnFile)} (${cfn.source}: ${Object.keys(cfn.resources).length} resource types, ${fs.statSync(cfnFile).size} bytes; ` +
      `string constraints from ${cfn.constraints}: ${stats.withRegistrySchema} types described there, ${stats.constrained} properties constrained, ` +
      `${stats.droppedPatterns.size} distinct patterns left out as JavaScript cannot read them alike)`,
  );
  for (const [pattern, why] of [...stats.droppedPatterns].sort()) written.push(`  pattern left out: ${pattern} (${why})`);
  process.stdout.write(`${written.join('\n')}\n`);
}

main();
