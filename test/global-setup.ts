/**
 * Synthesizes the topologies that several test files read (policy, graph, diff, CLI) once per
 * `npm test`, into a temp dir whose path reaches the workers as $STATELINE_TEST_OUTPUTS.
 * Each scenario is a real `stateline synth` of a real topology (both clouds, cdk-nag on).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthesize } from '../lib/cli/synth';
import { DEFAULT_TOPOLOGY } from '../lib/topology/default';
import { derive } from '../lib/topology/derive';
import { validateTopology } from '../lib/topology/validate';
import { SCENARIOS } from './scenarios';

export default async function globalSetup(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-test-outputs-'));
  for (const [name, mutate] of Object.entries(SCENARIOS)) {
    const t = JSON.parse(JSON.stringify(DEFAULT_TOPOLOGY));
    mutate(t);
    const r = validateTopology(t);
    if (!r.ok) throw new Error(`scenario ${name} is invalid: ${JSON.stringify(r.problems)}`);
    synthesize(derive(r.topology), path.join(root, name));
  }
  process.env.STATELINE_TEST_OUTPUTS = root;
}
