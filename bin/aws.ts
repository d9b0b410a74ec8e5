/**
 * CDK app entry (`cdk.json`): `npm run cdk -- synth|diff|deploy` (or `npx --no-install cdk ...`).
 * Topology: `-c stateline:config=FILE`, else $STATELINE_CONFIG, else stateline.config.* in cwd, else the embedded default.
 */
import { App } from 'aws-cdk-lib';
import { loadTopology } from '../lib/topology/load';
import { exitOnUserError } from '../lib/cli/errors';
import { AWS_APP_CONTEXT, buildAwsStacks, synthAwsApp } from '../stacks/aws-app';

exitOnUserError(() => {
  const app = new App({ analyticsReporting: false, context: { ...AWS_APP_CONTEXT } });
  const file = app.node.tryGetContext('stateline:config') as string | undefined;
  buildAwsStacks(app, loadTopology(file));
  synthAwsApp(app);
});
