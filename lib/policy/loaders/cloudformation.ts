/**
 * CloudFormation templates (JSON or YAML) to inventory records, following nested stacks that
 * the CDK synthesizes as `AWS::CloudFormation::Stack` with `Metadata["aws:asset:path"]`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PolicyInputError } from '../errors';
import type { InventoryResource } from '../types';
import { isIntrinsic, isObj, Obj, tagsOf } from '../util/values';
import { DUPLICATE_KEY } from '../input-findings';
import { parseCfnYamlWithDuplicates, readCfnYaml } from './cfn-yaml';
import { DuplicateKey, parseTemplateJson } from './duplicates';
import { append, display, LoadContext, MAX_JSON_BYTES, MAX_YAML_BYTES, parseJson, readText } from './read';

/** Shared empty object for resources without Properties / Metadata (never mutated). */
const EMPTY: Obj = Object.freeze({}) as Obj;

/** Files a nested template or a SAM definition may be read from. */
const TEMPLATE_FILE_RE = /\.(?:json|ya?ml|template)$/i;

/** Nested stacks deeper than this are a cycle or a mistake. */
const MAX_NESTING = 10;

export interface TemplateOptions {
  /** Stack name recorded on every resource. */
  readonly stack: string;
  /** Directory nested-stack asset paths are relative to (the cloud assembly directory). */
  readonly assetDir: string;
  /** Inside a cloud assembly a missing nested template is an error; for a lone template it is skipped. */
  readonly strictNested: boolean;
  /**
   * Written by a synthesizer from objects (a CDK cloud assembly), so it cannot repeat a key: the
   * duplicate-key scan is skipped.
   */
  readonly synthesized?: boolean;
  /** Region recorded on every resource (a CDK stack's environment region). */
  readonly region?: string;
}

/** Reads a template file: `.yaml`/`.yml` as YAML, `.json` as JSON, anything else by its first character. */
export function readTemplate(ctx: LoadContext, file: string): unknown {
  return readTemplateWithDuplicates(ctx, file).template;
}

/** Reads a template last-wins, as CloudFormation does, with the duplicate keys it resolved (none looked for in synthesized JSON). */
export function readTemplateWithDuplicates(ctx: LoadContext, file: string, synthesized = false): { template: unknown; duplicates: DuplicateKey[] } {
  if (/\.ya?ml$/i.test(file)) return readCfnYaml(ctx, file);
  const text = readText(ctx, file, MAX_JSON_BYTES);
  if (synthesized && text.trimStart().startsWith('{')) return { template: parseJson(ctx, file, text), duplicates: [] };
  if (/\.json$/i.test(file) || text.trimStart().startsWith('{')) return parseTemplateJson(ctx, file, text);
  if (text.length > MAX_YAML_BYTES) throw new PolicyInputError(display(ctx, file), 'YAML template above the 16 MB limit');
  return parseCfnYamlWithDuplicates(ctx, file, text);
}

/** `input/duplicate-key` diagnostics of one template, tied to the resource they are in. */
function reportDuplicates(ctx: LoadContext, file: string, stack: string, duplicates: readonly DuplicateKey[], resources: readonly InventoryResource[]): void {
  if (!ctx.diagnostics || duplicates.length === 0) return;
  const source = display(ctx, file);
  for (const d of duplicates) {
    const inResources = d.path[0] === 'Resources';
    const resource = inResources ? (d.path[1] ?? d.key) : (d.path[0] ?? d.key);
    const type = inResources ? resources.find((r) => r.id === resource)?.type : undefined;
    const where = [...d.path, d.key].join('.');
    const message =
      inResources && d.path.length === 1
        ? `resource ${d.key} is defined twice (lines ${d.firstLine} and ${d.line}); CloudFormation deploys only the last definition`
        : `duplicate key ${where} at line ${d.line} (first at line ${d.firstLine}); CloudFormation deploys the last value`;
    ctx.diagnostics.push({ rule: DUPLICATE_KEY, cloud: 'aws', source, stack, resource, resourceType: type ?? 'template', message, line: d.line });
  }
}

const FOR_EACH_PREFIX = 'Fn::ForEach::';
/** CloudFormation allows 5 nested loops; deeper is a mistake. */
const MAX_FOR_EACH_DEPTH = 5;
/** Expanded copies per template: far above CloudFormation's 500 resources, low enough to never blow up. */
const MAX_EXPANDED = 20_000;

/** One loop variable bound to one value of its collection. */
interface Binding {
  readonly name: string;
  readonly value: string;
}

/** `${x}` -> value, `&{x}` -> value without non-alphanumerics (the logical-id form). */
function substituteText(s: string, bindings: readonly Binding[]): string {
  if (!s.includes('{')) return s;
  let out = s;
  for (const b of bindings) {
    if (!out.includes(b.name)) continue;
    out = out.split(`\${${b.name}}`).join(b.value).split(`&{${b.name}}`).join(b.value.replace(/[^A-Za-z0-9]/g, ''));
  }
  return out;
}

/** Deep copy with loop variables substituted in strings and `{ "Ref": "<identifier>" }` replaced by the value. */
function substituteBindings(v: unknown, bindings: readonly Binding[], depth = 0): unknown {
  if (typeof v === 'string') return substituteText(v, bindings);
  if (depth > 64 || typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map((x) => substituteBindings(x, bindings, depth + 1));
  const o = v as Obj;
  if (typeof o.Ref === 'string' && Object.keys(o).length === 1) {
    const b = bindings.find((x) => x.name === o.Ref);
    if (b) return b.value;
  }
  const out: Obj = {};
  for (const k of Object.keys(o)) out[substituteText(k, bindings)] = substituteBindings(o[k], bindings, depth + 1);
  return out;
}

/** The collection of a loop when it is a literal list of strings (numbers accepted as their text). */
function literalCollection(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: string[] = [];
  for (const x of v) {
    if (typeof x === 'string' && !x.includes('${')) out.push(x);
    else if (typeof x === 'number') out.push(String(x));
    else return undefined;
  }
  return out;
}

/**
 * Resources of a `Resources` map (or of a `Fn::ForEach` body), loops expanded. A loop
 * `"Fn::ForEach::Name": [identifier, collection, { "<id template>": resource, ... }]` over a literal
 * list yields one resource per value (`${identifier}` / `&{identifier}` substituted in ids and values);
 * over anything else (a parameter, an intrinsic) it yields the templated resources once, as written.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html
 */
function collectResources(source: string, entries: Obj, bindings: readonly Binding[], out: Array<[string, Obj]>, depth: number): void {
  for (const [key, res] of Object.entries(entries)) {
    if (key.startsWith(FOR_EACH_PREFIX)) {
      if (depth >= MAX_FOR_EACH_DEPTH) throw new PolicyInputError(source, `"${key}" nests Fn::ForEach deeper than ${MAX_FOR_EACH_DEPTH} levels`);
      if (!Array.isArray(res) || res.length !== 3 || typeof res[0] !== 'string' || !isObj(res[2])) {
        throw new PolicyInputError(source, `"${key}" must be [identifier, collection, { "<logical id template>": resource }]`);
      }
      const [identifier, collection, body] = res as [string, unknown, Obj];
      const items = literalCollection(bindings.length ? substituteBindings(collection, bindings) : collection);
      const shadowed = bindings.filter((b) => b.name !== identifier);
      if (items && out.length + items.length * Object.keys(body).length <= MAX_EXPANDED) {
        for (const value of items) collectResources(source, body, [...shadowed, { name: identifier, value }], out, depth + 1);
      } else {
        collectResources(source, body, shadowed, out, depth + 1);
      }
      continue;
    }
    const def = bindings.length && isObj(res) ? (substituteBindings(res, bindings) as Obj) : res;
    if (!isObj(def) || typeof def.Type !== 'string') {
      throw new PolicyInputError(source, `resource "${key}" has no "Type": not a valid CloudFormation template`);
    }
    out.push([bindings.length ? substituteText(key, bindings) : key, def]);
  }
}

/** SAM resource types and their section under the template's `Globals`. */
const SAM_GLOBALS: Record<string, string> = {
  'AWS::Serverless::Function': 'Function',
  'AWS::Serverless::Api': 'Api',
  'AWS::Serverless::HttpApi': 'HttpApi',
  'AWS::Serverless::SimpleTable': 'SimpleTable',
  'AWS::Serverless::StateMachine': 'StateMachine',
  'AWS::Serverless::LayerVersion': 'LayerVersion',
};

/**
 * SAM's merge of `Globals` into a resource: maps merge key by key (recursively), lists are
 * concatenated (globals first), and any other value of the resource wins. Intrinsics are values.
 * @see https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html
 */
function mergeGlobals(globals: unknown, local: unknown): unknown {
  if (local === undefined) return globals;
  if (Array.isArray(globals) && Array.isArray(local)) return [...globals, ...local];
  if (isObj(globals) && isObj(local) && !isIntrinsic(globals) && !isIntrinsic(local)) {
    const out: Obj = { ...globals };
    for (const [k, v] of Object.entries(local)) out[k] = mergeGlobals(globals[k], v);
    return out;
  }
  return local;
}

/** SAM resources whose definition may live in a local file: the file property and the inline property it fills. */
const SAM_DEFINITION_FILES: Record<string, [uri: string, inline: string]> = {
  'AWS::Serverless::StateMachine': ['DefinitionUri', 'Definition'],
  'AWS::Serverless::Api': ['DefinitionUri', 'DefinitionBody'],
  'AWS::Serverless::HttpApi': ['DefinitionUri', 'DefinitionBody'],
};

const isLocalPath = (v: unknown): v is string => typeof v === 'string' && TEMPLATE_FILE_RE.test(v) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(v);

/** A local `AWS::Include` (`{ "Fn::Transform": { Name: "AWS::Include", Parameters: { Location } } }`), as `sam build` resolves it. */
function includeLocation(v: unknown): string | undefined {
  const t = isObj(v) && Object.keys(v).length === 1 ? v['Fn::Transform'] : undefined;
  const params = isObj(t) && t.Name === 'AWS::Include' && isObj(t.Parameters) ? t.Parameters : undefined;
  return params && isLocalPath(params.Location) ? params.Location : undefined;
}

/**
 * SAM definitions kept in local files (a state machine's `DefinitionUri: statemachine/flow.asl.json`,
 * an API's `DefinitionUri: api.yaml` or `DefinitionBody` through a local `AWS::Include`) are read
 * into the inline property, so rules check them like inline definitions. Missing files are skipped
 * (an S3 location, or not built yet).
 */
function inlineDefinitionFile(ctx: LoadContext, templateFile: string, type: string, properties: Obj): Obj {
  const spec = SAM_DEFINITION_FILES[type];
  if (!spec) return properties;
  const [uriProp, inlineProp] = spec;
  const include = includeLocation(properties[inlineProp]);
  const local = include ?? (properties[inlineProp] === undefined && isLocalPath(properties[uriProp]) ? (properties[uriProp] as string) : undefined);
  if (!local) return properties;
  const file = path.resolve(path.dirname(templateFile), local);
  if (!fs.existsSync(file)) return properties;
  return { ...properties, [inlineProp]: readTemplate(ctx, file) };
}

/** Normalizes one parsed template into records (no nested stacks). */
export function templateResources(ctx: LoadContext, file: string, template: unknown, stack: string, region?: string): InventoryResource[] {
  const source = display(ctx, file);
  if (!isObj(template) || !isObj(template.Resources)) {
    throw new PolicyInputError(source, 'not a CloudFormation template: expected an object with a "Resources" map');
  }
  const entries: Array<[string, Obj]> = [];
  collectResources(source, template.Resources, [], entries, 0);
  const globals = isObj(template.Globals) ? template.Globals : undefined;
  const out: InventoryResource[] = [];
  for (const [id, res] of entries) {
    const type = res.Type as string;
    let properties = isObj(res.Properties) ? res.Properties : EMPTY;
    const section = globals && SAM_GLOBALS[type] ? globals[SAM_GLOBALS[type]] : undefined;
    if (isObj(section)) properties = mergeGlobals(section, properties) as Obj;
    if (type in SAM_DEFINITION_FILES) properties = inlineDefinitionFile(ctx, file, type, properties);
    const metadata = isObj(res.Metadata) ? res.Metadata : EMPTY;
    const cdkPath = metadata['aws:cdk:path'];
    out.push({
      cloud: 'aws',
      provider: 'cloudformation',
      format: 'cloudformation',
      mode: 'managed',
      type,
      id,
      stack,
      source,
      properties,
      tags: tagsOf(properties),
      metadata,
      path: typeof cdkPath === 'string' ? cdkPath : undefined,
      ...(region ? { region } : {}),
    });
  }
  return out;
}

/**
 * Where a nested stack's template is on disk: the CDK asset (`aws:asset:path`, relative to the
 * cloud assembly), or a local `TemplateURL` / SAM application `Location` (relative to the parent
 * template, as `sam build` and `aws cloudformation package` read them). Remote URLs are not followed.
 */
function nestedTemplatePath(r: InventoryResource, parentFile: string, assetDir: string): { file: string; asset: string; isAsset: boolean } | undefined {
  const asset = (r.metadata as Obj)['aws:asset:path'];
  if (typeof asset === 'string' && TEMPLATE_FILE_RE.test(asset)) return { file: path.resolve(assetDir, asset), asset, isAsset: true };
  const local = r.type === 'AWS::CloudFormation::Stack' ? r.properties.TemplateURL : r.properties.Location;
  if (isLocalPath(local)) {
    return { file: path.resolve(path.dirname(parentFile), local), asset: local, isAsset: false };
  }
  return undefined;
}

const NESTED_TYPES = new Set(['AWS::CloudFormation::Stack', 'AWS::Serverless::Application']);

/** Loads a template file and, recursively, the nested stack templates it references. */
export function loadTemplateFile(ctx: LoadContext, file: string, opts: TemplateOptions, depth = 0, seen = new Set<string>()): InventoryResource[] {
  const abs = path.resolve(file);
  if (seen.has(abs) || depth > MAX_NESTING) {
    throw new PolicyInputError(display(ctx, abs), 'nested stacks form a cycle or nest deeper than 10 levels');
  }
  seen.add(abs);
  const { template, duplicates } = readTemplateWithDuplicates(ctx, abs, opts.synthesized);
  const resources = templateResources(ctx, abs, template, opts.stack, opts.region);
  reportDuplicates(ctx, abs, opts.stack, duplicates, resources);
  const nested: InventoryResource[] = [];
  for (const r of resources) {
    if (!NESTED_TYPES.has(r.type)) continue;
    const where = nestedTemplatePath(r, abs, opts.assetDir);
    if (!where) continue;
    const { file: nestedFile, asset, isAsset } = where;
    if (!fs.existsSync(nestedFile)) {
      if (opts.strictNested && isAsset) {
        throw new PolicyInputError(display(ctx, abs), `nested stack "${r.id}" points to ${asset}, which is not in the cloud assembly`);
      }
      continue;
    }
    append(nested, loadTemplateFile(ctx, nestedFile, { ...opts, stack: `${opts.stack}/${r.id}` }, depth + 1, seen));
  }
  seen.delete(abs);
  return nested.length ? resources.concat(nested) : resources;
}
