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

/** A CDKTF app writing to `outdir` (no stack traces or machine paths in the output). */
export function createAzureApp(derived: Derived, outdir: string): App {
  const app = new App({ outdir, stackTraces: false, skipValidation: false });
  buildAzureStacks(app, derived);
  return app;
}
