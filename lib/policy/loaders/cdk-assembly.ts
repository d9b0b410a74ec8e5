/**
 * A CDK cloud assembly directory (`cdk.out`): every `aws:cloudformation:stack` artifact of
 * `manifest.json`, nested assemblies of stages (`cdk:cloud-assembly`, `properties.directoryName`)
 * and the nested stack templates each stack references.
 * @see https://github.com/aws/aws-cdk-cli/tree/main/packages/%40aws-cdk/cloud-assembly-schema
 */
import * as path from 'path';
import { PolicyInputError } from '../errors';
import type { InventoryResource } from '../types';
import { isObj } from '../util/values';
import { loadTemplateFile } from './cloudformation';
import { append, display, isDir, LoadContext, readJson } from './read';

const MAX_ASSEMBLY_DEPTH = 10;

/** `aws://123456789012/eu-central-1` -> `eu-central-1`; undefined for `unknown-region` (environment-agnostic). */
function environmentRegion(env: unknown): string | undefined {
  const m = typeof env === 'string' ? /^aws:\/\/[^/]*\/([a-z0-9-]+)$/.exec(env) : null;
  return m && m[1] !== 'unknown-region' ? m[1] : undefined;
}

/** Loads every stack of a cloud assembly directory, stages included. */
export function loadCdkAssembly(ctx: LoadContext, dir: string, depth = 0): InventoryResource[] {
  const abs = path.resolve(dir);
  if (!isDir(abs)) throw new PolicyInputError(display(ctx, abs), 'not a directory: expected a CDK cloud assembly (cdk.out)');
  if (depth > MAX_ASSEMBLY_DEPTH) throw new PolicyInputError(display(ctx, abs), 'nested assemblies deeper than 10 levels');
  const manifestFile = path.join(abs, 'manifest.json');
  const manifest = readJson(ctx, manifestFile);
  // The schema requires "version"; an assembly without stacks may omit "artifacts", but one of them must be there.
  if (!isObj(manifest) || (manifest.artifacts !== undefined && !isObj(manifest.artifacts)) || (manifest.artifacts === undefined && typeof manifest.version !== 'string')) {
    throw new PolicyInputError(display(ctx, manifestFile), 'not a cloud assembly manifest: expected an object with a "version" and an "artifacts" map');
  }
  const artifacts = isObj(manifest.artifacts) ? manifest.artifacts : {};
  const out: InventoryResource[] = [];
  for (const [artifactId, artifact] of Object.entries(artifacts)) {
    if (!isObj(artifact)) continue;
    const props = isObj(artifact.properties) ? artifact.properties : {};
    if (artifact.type === 'aws:cloudformation:stack') {
      if (typeof props.templateFile !== 'string') {
        throw new PolicyInputError(display(ctx, manifestFile), `stack artifact "${artifactId}" has no properties.templateFile`);
      }
      const stack = typeof props.stackName === 'string' ? props.stackName : artifactId;
      const region = environmentRegion(artifact.environment);
      append(out, loadTemplateFile(ctx, path.join(abs, props.templateFile), { stack, assetDir: abs, strictNested: true, synthesized: true, region }));
    } else if (artifact.type === 'cdk:cloud-assembly') {
      if (typeof props.directoryName !== 'string') {
        throw new PolicyInputError(display(ctx, manifestFile), `nested assembly "${artifactId}" has no properties.directoryName`);
      }
      append(out, loadCdkAssembly(ctx, path.join(abs, props.directoryName), depth + 1));
    }
  }
  return out;
}
