/**
 * CloudFormation templates (JSON or YAML) to inventory records, following nested stacks that
 * the CDK synthesizes as `AWS::CloudFormation::Stack` with `Metadata["aws:asset:path"]`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PolicyInputError } from '../errors';
import type { InventoryResource } from '../types';
import { isObj, Obj, tagsOf } from '../util/values';
import { parseCfnYaml, readCfnYaml } from './cfn-yaml';
import { append, display, LoadContext, MAX_JSON_BYTES, MAX_YAML_BYTES, parseJson, readJson, readText } from './read';

/** Shared empty object for resources without Properties / Metadata (never mutated). */
const EMPTY: Obj = Object.freeze({}) as Obj;

/** Nested stacks deeper than this are a cycle or a mistake. */
const MAX_NESTING = 10;

export interface TemplateOptions {
  /** Stack name recorded on every resource. */
  readonly stack: string;
  /** Directory nested-stack asset paths are relative to (the cloud assembly directory). */
  readonly assetDir: string;
  /** Inside a cloud assembly a missing nested template is an error; for a lone template it is skipped. */
  readonly strictNested: boolean;
}

/** Reads a template file: `.yaml`/`.yml` as YAML, `.json` as JSON, anything else by its first character. */
export function readTemplate(ctx: LoadContext, file: string): unknown {
  if (/\.ya?ml$/i.test(file)) return readCfnYaml(ctx, file);
  if (/\.json$/i.test(file)) return readJson(ctx, file);
  const text = readText(ctx, file, MAX_JSON_BYTES);
  if (text.trimStart().startsWith('{')) return parseJson(ctx, file, text);
  if (text.length > MAX_YAML_BYTES) throw new PolicyInputError(display(ctx, file), 'YAML template above the 16 MB limit');
  return parseCfnYaml(ctx, file, text);
}

/** Normalizes one parsed template into records (no nested stacks). */
export function templateResources(ctx: LoadContext, file: string, template: unknown, stack: string): InventoryResource[] {
  const source = display(ctx, file);
  if (!isObj(template) || !isObj(template.Resources)) {
    throw new PolicyInputError(source, 'not a CloudFormation template: expected an object with a "Resources" map');
  }
  const out: InventoryResource[] = [];
  for (const [id, res] of Object.entries(template.Resources)) {
    if (!isObj(res) || typeof res.Type !== 'string') {
      throw new PolicyInputError(source, `resource "${id}" has no "Type": not a valid CloudFormation template`);
    }
    const properties = isObj(res.Properties) ? res.Properties : EMPTY;
    const metadata = isObj(res.Metadata) ? res.Metadata : EMPTY;
    const cdkPath = metadata['aws:cdk:path'];
    out.push({
      cloud: 'aws',
      provider: 'cloudformation',
      format: 'cloudformation',
      mode: 'managed',
      type: res.Type,
      id,
      stack,
      source,
      properties,
      tags: tagsOf(properties),
      metadata,
      path: typeof cdkPath === 'string' ? cdkPath : undefined,
    });
  }
  return out;
}

/** Loads a template file and, recursively, the nested stack templates it references. */
export function loadTemplateFile(ctx: LoadContext, file: string, opts: TemplateOptions, depth = 0, seen = new Set<string>()): InventoryResource[] {
  const abs = path.resolve(file);
  if (seen.has(abs) || depth > MAX_NESTING) {
    throw new PolicyInputError(display(ctx, abs), 'nested stacks form a cycle or nest deeper than 10 levels');
  }
  seen.add(abs);
  const resources = templateResources(ctx, abs, readTemplate(ctx, abs), opts.stack);
  const nested: InventoryResource[] = [];
  for (const r of resources) {
    if (r.type !== 'AWS::CloudFormation::Stack') continue;
    const asset = (r.metadata as Obj)['aws:asset:path'];
    if (typeof asset !== 'string' || !/\.json$/i.test(asset)) continue;
    const nestedFile = path.resolve(opts.assetDir, asset);
    if (!fs.existsSync(nestedFile)) {
      if (opts.strictNested) {
        throw new PolicyInputError(display(ctx, abs), `nested stack "${r.id}" points to ${asset}, which is not in the cloud assembly`);
      }
      continue;
    }
    append(nested, loadTemplateFile(ctx, nestedFile, { ...opts, stack: `${opts.stack}/${r.id}` }, depth + 1, seen));
  }
  seen.delete(abs);
  return nested.length ? resources.concat(nested) : resources;
}
