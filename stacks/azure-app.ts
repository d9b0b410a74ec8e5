/**
 * Composes the Azure (CDKTF) side: hub, one serving stack per region, the agents' identities, link.
 * Stack ids are the derived stack names (public: they key Terraform state).
 *
 * Serving and link stacks look the hub up by name (no cross-stack references), so the
 * order is declared explicitly: the hub first (its VPN gateway must exist before spokes
 * peer with gateway transit, its zones before endpoints register in them).
 */
import { App, Aspects, DefaultTokenResolver, StringConcat, TerraformElement, TerraformStack, Tokenization } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { Derived } from '../lib/topology/derive';
import { AzureHubStack } from './azure-hub-stack';
import { AzureIdentityStack } from './azure-identity-stack';
import { AzureLinkStack } from './azure-link-stack';
import { AzureServingStack } from './azure-serving-stack';

/** Builds the Azure stacks of a derived topology into `app`: hub, one serving stack per region, identities, link. */
export function buildAzureStacks(app: App, derived: Derived) {
  const hub = new AzureHubStack(app, derived.hub.stackName, { derived });
  const serving = derived.serving.map((plan) => new AzureServingStack(app, plan.stackName, { derived, plan }));
  // After the serving stacks: role assignments look their AI Services accounts up by name.
  const identity = new AzureIdentityStack(app, derived.identity.stackName, { derived });
  const link = new AzureLinkStack(app, derived.link.stackName, { derived });
  for (const stack of [...serving, link, identity]) stack.addDependency(hub);
  for (const stack of serving) identity.addDependency(stack);
  return { hub, serving, identity, link };
}

/**
 * Runs `fn` with token creation traces off. cdktf captures a full-depth stack trace for every
 * token it creates (`creationStack`, shown only in token error messages) and formats it: ~0.4 s
 * at 64 serving regions, which `App({ stackTraces: false })` does not cover. Meanwhile a trace
 * captured into a plain object (all cdktf's `captureStackTrace` does) is not captured; errors
 * keep their stacks. `npx cdktf synth` (bin/azure.ts) keeps cdktf's behaviour, for debugging.
 */
export function withoutTokenTraces<T>(fn: () => T): T {
  const capture = Error.captureStackTrace;
  Error.captureStackTrace = (target: object, below?: Function) => {
    if (target instanceof Error) capture(target, below);
  };
  try {
    return fn();
  } finally {
    Error.captureStackTrace = capture;
  }
}

/** A stack's elements, as cdktf's synthesis walks them (not into nested stacks). */
function elementsOf(node: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) if (!TerraformStack.isStack(child)) elementsOf(child, into);
  return into;
}

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/**
 * cdktf resolves every element of a stack twice: in `prepareStack()` (a "preparing" pass whose
 * only effect is to register cross-stack references) and again when it writes the stack. Both
 * give the same value unless a cross-stack reference was registered or an aspect changed an
 * element in between; stateline's stacks have neither (they look each other up by name). So the
 * preparing pass keeps each element's resolved value, and the writing pass uses it while that
 * holds; otherwise it computes it again as cdktf does. Returns a function restoring the stacks.
 */
function reusePreparedElements(app: App, crossStackReferences: () => number): () => void {
  const restore: Array<() => void> = [];
  const stacks = app.node.findAll().filter(TerraformStack.isStack);
  const hasAspects = (stack: TerraformStack) => stack.node.findAll().some((c) => Aspects.of(c).all.length > 0);
  for (const stack of stacks) {
    const prepared = new Map<TerraformElement, unknown>();
    // Decided once, when the writing pass starts: every stack is prepared by then.
    let reusable: boolean | undefined;
    const reuse = () => (reusable ??= crossStackReferences() === 0 && !hasAspects(stack));
    const prepareStack = () => {
      stack.ensureBackendExists();
      for (const e of elementsOf(stack)) {
        prepared.set(e, Tokenization.resolve(e.toTerraform(), { scope: stack, preparing: true, resolver: RESOLVER }));
        if (Object.prototype.hasOwnProperty.call(e, 'toTerraform')) continue;
        const own = e as unknown as { toTerraform?: () => unknown };
        own.toTerraform = () => (reuse() ? prepared.get(e) : Object.getPrototypeOf(e).toTerraform.call(e));
        restore.push(() => { delete own.toTerraform; });
      }
    };
    (stack as { prepareStack: () => void }).prepareStack = prepareStack;
    restore.push(() => { delete (stack as { prepareStack?: unknown }).prepareStack; });
  }
  return () => { for (const r of restore) r(); };
}

/** The CDKTF app stateline synthesizes in-process: no token traces, and each element resolved once. */
export class StatelineAzureApp extends App {
  private crossStackReferenceCount = 0;

  override crossStackReference(fromStack: TerraformStack, toStack: TerraformStack, identifier: string): string {
    this.crossStackReferenceCount++;
    return super.crossStackReference(fromStack, toStack, identifier);
  }

  override synth(): void {
    withoutTokenTraces(() => {
      const restore = reusePreparedElements(this, () => this.crossStackReferenceCount);
      try {
        super.synth();
      } finally {
        restore();
      }
    });
  }
}

/** A CDKTF app writing to `outdir` (no stack traces or machine paths in the output). */
export function createAzureApp(derived: Derived, outdir: string): App {
  const app = new StatelineAzureApp({ outdir, stackTraces: false, skipValidation: false });
  withoutTokenTraces(() => buildAzureStacks(app, derived));
  return app;
}
