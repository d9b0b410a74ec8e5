/** Azure test helpers: build the CDKTF stacks of a topology once and read their Terraform JSON. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { buildAzureStacks } from '../../stacks/azure-app';
import type { Derived } from '../../lib/topology/derive';

export type Body = Record<string, any>;
export interface TfJson {
  readonly resource?: Record<string, Record<string, Body>>;
  readonly data?: Record<string, Record<string, Body>>;
  readonly output?: Record<string, { value: unknown; description?: string; sensitive?: boolean }>;
  readonly variable?: Record<string, Body>;
}

export interface BuiltAzure {
  readonly stacks: ReturnType<typeof buildAzureStacks>;
  /** Synthesized JSON (Testing.synth: no metadata) by stack name. */
  readonly json: Readonly<Record<string, TfJson>>;
  /** Synthesized text by stack name (for snapshots). */
  readonly text: Readonly<Record<string, string>>;
  readonly all: readonly TerraformStack[];
  /** Removes the app's (empty) output directory. */
  dispose(): void;
}

/** Builds every Azure stack of `derived` under one app (nothing is written to disk). */
export function buildAzure(derived: Derived): BuiltAzure {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-azure-test-'));
  const app = new App({ outdir, stackTraces: false });
  const stacks = buildAzureStacks(app, derived);
  const all = [stacks.hub, ...stacks.serving, stacks.identity, stacks.link];
  const text: Record<string, string> = {};
  const json: Record<string, TfJson> = {};
  for (const stack of all) {
    const name = stack.node.id;
    text[name] = Testing.synth(stack);
    json[name] = JSON.parse(text[name]);
  }
  return { stacks, json, text, all, dispose: () => fs.rmSync(outdir, { recursive: true, force: true }) };
}

/** `[name, body]` of every resource of `type`. */
export function resourcesOf(tf: TfJson, type: string): [string, Body][] {
  return Object.entries(tf.resource?.[type] ?? {});
}

/** Bodies of every resource of `type`. */
export function bodiesOf(tf: TfJson, type: string): Body[] {
  return resourcesOf(tf, type).map(([, b]) => b);
}

/** Every managed resource as `[address, type, body]`. */
export function allResources(tf: TfJson): [string, string, Body][] {
  return Object.entries(tf.resource ?? {}).flatMap(([type, byName]) => Object.entries(byName).map(([name, body]) => [`${type}.${name}`, type, body] as [string, string, Body]));
}

/** The Terraform reference `${type.name.attr}` to a resource found by a predicate. */
export function refTo(tf: TfJson, type: string, match: (b: Body) => boolean, attr = 'id'): string {
  const found = resourcesOf(tf, type).filter(([, b]) => match(b));
  if (found.length !== 1) throw new Error(`expected one ${type} matching, found ${found.length}`);
  return `\${${type}.${found[0][0]}.${attr}}`;
}

const taggable = new Map<string, boolean>();
/**
 * Whether a resource type has a top-level `tags` argument, read from the provider
 * bindings (which are generated from azurerm 4.55's schema); resources of other providers have none.
 */
export function isTaggable(type: string): boolean {
  // azuread tags are a list of strings (set in the identity construct), time_* has none.
  if (!type.startsWith('azurerm_')) return false;
  if (!taggable.has(type)) {
    const dir = type.replace(/^azurerm_/, '').replace(/_/g, '-');
    const file = require.resolve(`@cdktf/provider-azurerm/lib/${dir}/index.js`);
    taggable.set(type, /tags: cdktf\.hashMapper\(cdktf\.stringToTerraform\)\(this\._tags\)/.test(fs.readFileSync(file, 'utf8')));
  }
  return taggable.get(type)!;
}

/**
 * One app for small construct tests (Testing.synthScope would leave a temp dir per call):
 * `stack(id)` makes a fresh empty stack, `dispose()` removes the app's directory.
 */
export function scratchApp() {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-azure-scratch-'));
  const app = new App({ outdir, stackTraces: false });
  return {
    stack: (id: string) => new TerraformStack(app, id),
    synth: (stack: TerraformStack): TfJson => JSON.parse(Testing.synth(stack)),
    dispose: () => fs.rmSync(outdir, { recursive: true, force: true }),
  };
}
