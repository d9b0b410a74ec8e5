/**
 * `DIR/stateline.topology.json`: the resolved topology (defaults applied) that `stateline synth`
 * synthesized into DIR, written next to cdk.out and cdktf.out so a later `stateline diff` knows
 * both sides' topologies and can lead with the topology change. Deterministic (sorted keys), no
 * paths, no secrets (the topology holds none: pre-shared keys are generated in Secrets Manager).
 */
import * as fs from 'fs';
import * as path from 'path';
import { UserInputError } from '../topology/problems';
import { canonical } from './values';

export const TOPOLOGY_FILE = 'stateline.topology.json';
export const TOPOLOGY_FORMAT = 'stateline.topology/v1';

/** The file's content for a resolved topology. */
export function serializeTopology(topology: unknown): string {
  return `${JSON.stringify(JSON.parse(canonical({ format: TOPOLOGY_FORMAT, topology })), null, 2)}\n`;
}

/** The topology recorded in an output directory, or undefined when there is none. */
export function readRecordedTopology(dir: string): unknown {
  const file = path.join(dir, TOPOLOGY_FILE);
  if (!fs.existsSync(file)) return undefined;
  let data: { format?: string; topology?: unknown };
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof data;
  } catch (e) {
    throw new UserInputError(`cannot read ${file}: ${(e as Error).message}`);
  }
  if (data.format !== TOPOLOGY_FORMAT || typeof data.topology !== 'object') {
    throw new UserInputError(`${file} is not a stateline topology record (expected "format": "${TOPOLOGY_FORMAT}"; got ${JSON.stringify(data.format)})`);
  }
  return data.topology;
}
