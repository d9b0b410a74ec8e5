/**
 * Every valid topology synthesizes outputs the providers accept: the example configs and seeded
 * random valid topologies (test/schema/random-topology.ts), through the real `synthesize` and
 * the real check. `STATELINE_FUZZ_SEEDS=N` draws more (the default keeps `npm test` fast; 60
 * seeds were run when the schema rules landed).
 */
import * as fs from 'fs';
import * as path from 'path';
import { runCheck } from '../../lib/policy';
import { synthesize } from '../../lib/cli/synth';
import { derive } from '../../lib/topology/derive';
import { loadTopology } from '../../lib/topology/load';
import { validateTopology } from '../../lib/topology/validate';
import { tempDir } from '../policy/helpers';
import { SCENARIOS, scenarioDir } from '../scenarios';
import { randomTopology } from './random-topology';

const SEEDS = Number(process.env.STATELINE_FUZZ_SEEDS ?? 6);
const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
/** Custom resources of the CDK (no fixed schema): the only types left unvalidated in our outputs. */
const CUSTOM = ['Custom::AWS', 'Custom::VpcRestrictDefaultSG'];

async function schemaOf(derived: ReturnType<typeof derive>) {
  const dir = tempDir();
  synthesize(derived, dir);
  const { report } = await runCheck({ cwd: dir, cdkOut: ['cdk.out'], cdktfOut: ['cdktf.out'] });
  return { findings: report.findings.filter((f) => f.rule.startsWith('schema/')).map((f) => `${f.rule} ${f.stack}/${f.resource}: ${f.message}`), coverage: report.summary.schema };
}

test.each(fs.readdirSync(EXAMPLES).filter((f) => /\.(ya?ml|json|ts)$/.test(f)))('examples/%s validates clean', async (file) => {
  const { findings, coverage } = await schemaOf(loadTopology(path.join(EXAMPLES, file)));
  expect(findings).toEqual([]);
  expect(coverage?.validated).toBeGreaterThan(100);
  expect(CUSTOM).toEqual(expect.arrayContaining([...(coverage?.notValidatedTypes ?? [])]));
});

test.each(Object.keys(SCENARIOS))('scenario %s (test/scenarios.ts) validates clean', async (name) => {
  const { report } = await runCheck({ cwd: scenarioDir(name), cdkOut: ['cdk.out'], cdktfOut: ['cdktf.out'] });
  expect(report.findings.filter((f) => f.rule.startsWith('schema/'))).toEqual([]);
  expect(report.summary.schema?.notValidatedTypes).toEqual(CUSTOM);
});

test(`${SEEDS} seeded random valid topologies validate clean`, async () => {
  let valid = 0;
  for (let seed = 1; valid < SEEDS && seed < SEEDS * 5; seed++) {
    const r = validateTopology(randomTopology(seed));
    if (!r.ok) continue;
    valid++;
    const { findings } = await schemaOf(derive(r.topology));
    expect({ seed, findings }).toEqual({ seed, findings: [] });
  }
  expect(valid).toBe(SEEDS);
}, 300_000);
