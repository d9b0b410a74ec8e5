/**
 * `DIR/stateline.topology.json`: the resolved topology (defaults applied) that `stateline synth`
 * synthesized into DIR, written next to cdk.out and cdktf.out so a later `stateline diff` knows
 * both sides' topologies and can lead with the topology change. Deterministic (sorted keys), no
 * secrets (the topology holds none: pre-shared keys are generated in Secrets Manager), and no
 * machine paths: the topology is in portable form (lib/topology/portable.ts), each tool document
 * as `{ file, sha256 }` relative to the config file.
 */
import * as fs from 'fs';
import * as path from 'path';
import { printable, readDocument } from '../io/document';
import { MiB } from '../io/text';
import { UserInputError } from '../topology/problems';
import { canonical } from './values';

export const TOPOLOGY_FILE = 'stateline.topology.json';
/** v2: tool documents as `{ file, sha256 }`. */
export const TOPOLOGY_FORMAT = 'stateline.topology/v2';
/**
 * Formats read. v1 (before v2) named tool documents by a path relative to the synth's working
 * directory; it is read as written (the same when the topology has no document files).
 */
export const TOPOLOGY_FORMATS_READ: readonly string[] = [TOPOLOGY_FORMAT, 'stateline.topology/v1'];

/** The file's content for a topology in portable form (`portableTopology`). */
export function serializeTopology(portable: unknown): string {
  return `${JSON.stringify(JSON.parse(canonical({ format: TOPOLOGY_FORMAT, topology: portable })), null, 2)}\n`;
}

/** A record holds one resolved topology (64 serving regions: ~100 KB); past this it is not one. */
export const MAX_RECORD_BYTES = 4 * MiB;

/** The topology recorded in an output directory, or undefined when there is none. */
export function readRecordedTopology(dir: string): unknown {
  const file = path.join(dir, TOPOLOGY_FILE);
  if (!fs.existsSync(file)) return undefined;
  const shown = path.relative(process.cwd(), file) || TOPOLOGY_FILE;
  // The same guards as every user input: size, UTF-8 text (never binary echoed), nesting.
  const r = readDocument(file, 'json', MAX_RECORD_BYTES, 'a topology record');
  if ('problem' in r) throw new UserInputError(`cannot read ${shown}: ${r.problem}`);
  const data = r.value as { format?: unknown; topology?: unknown } | null;
  if (data === null || typeof data !== 'object' || !TOPOLOGY_FORMATS_READ.includes(data.format as string) || typeof data.topology !== 'object' || data.topology === null) {
    const got = data !== null && typeof data === 'object' ? JSON.stringify(data.format) ?? 'no format' : `a ${data === null ? 'null' : typeof data}`;
    throw new UserInputError(`${shown} is not a stateline topology record (expected "format": ${TOPOLOGY_FORMATS_READ.map((f) => `"${f}"`).join(' or ')}; got ${printable(got.length > 80 ? `${got.slice(0, 77)}...` : got)})`);
  }
  return data.topology;
}
