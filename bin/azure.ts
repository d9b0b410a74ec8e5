/**
 * CDKTF app entry (`cdktf.json`): `npm run cdktf -- synth|diff|deploy` (or `npx --no-install cdktf ...`).
 * Topology: $STATELINE_CONFIG, else stateline.config.* in cwd, else the embedded default.
 */
import { App } from 'cdktf';
import { loadTopology } from '../lib/topology/load';
import { exitOnUserError } from '../lib/cli/errors';
import { buildAzureStacks } from '../stacks/azure-app';

exitOnUserError(() => {
  const app = new App({ stackTraces: false });
  buildAzureStacks(app, loadTopology());
  app.synth();
});
