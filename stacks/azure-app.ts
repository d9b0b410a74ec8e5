/**
 * Composes the Azure (CDKTF) side: hub, one serving stack per region, the agents' identities, link.
 * Stack ids are the derived stack names (public: they key Terraform state).
 *
 * Serving and link stacks look the hub up by name (no cross-stack references), so the
 * order is declared explicitly: the hub first (its VPN gateway must exist before spokes
 * peer with gateway transit, its zones before endpoints register in them).
 */
import { App } from 'cdktf';
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

/** The CDKTF app stateline synthesizes in-process: construction and synthesis without token traces. */
class StatelineAzureApp extends App {
  override synth(): void {
    withoutTokenTraces(() => super.synth());
  }
}

/** A CDKTF app writing to `outdir` (no stack traces or machine paths in the output). */
export function createAzureApp(derived: Derived, outdir: string): App {
  const app = new StatelineAzureApp({ outdir, stackTraces: false, skipValidation: false });
  withoutTokenTraces(() => buildAzureStacks(app, derived));
  return app;
}
