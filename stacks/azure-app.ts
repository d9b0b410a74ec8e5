/**
 * Composes the Azure (CDKTF) side: hub, one serving stack per region, link.
 * Stack ids are the derived stack names (public: they key Terraform state).
 */
import { App } from 'cdktf';
import type { Derived } from '../lib/topology/derive';
import { AzureHubStack } from './azure-hub-stack';
import { AzureLinkStack } from './azure-link-stack';
import { AzureServingStack } from './azure-serving-stack';

export function buildAzureStacks(app: App, derived: Derived) {
  const hub = new AzureHubStack(app, derived.hub.stackName, { derived });
  const serving = derived.serving.map((plan) => new AzureServingStack(app, plan.stackName, { derived, plan }));
  const link = new AzureLinkStack(app, derived.link.stackName, { derived });
  return { hub, serving, link };
}

/** A CDKTF app writing to `outdir` (no stack traces or machine paths in the output). */
export function createAzureApp(derived: Derived, outdir: string): App {
  const app = new App({ outdir, stackTraces: false, skipValidation: false });
  buildAzureStacks(app, derived);
  return app;
}
