/**
 * The topology as stateline records it (`DIR/stateline.topology.json`) and compares it
 * (`stateline diff`): the same on every machine and in every checkout.
 *
 * In memory, a validated topology names each tool document (a Lambda tool's schema file, an
 * OpenAPI document, a Smithy model) by a path relative to the working directory: what derive and
 * synthesis open. That path depends on where the config was checked out (the temporary worktree
 * of `diff --base` is under the system temp directory). A portable topology holds instead
 * `{ file, sha256 }`: the path relative to the config file's directory, as the user writes it, and
 * the SHA-256 of the file's bytes. Two checkouts of the same commit record the same value, no
 * absolute or temporary path is written, and an edit of a document's content shows as a change of
 * its `sha256` (a move as a change of its `file`). `s3://` documents and inline tool schemas are
 * kept as written.
 *
 * To synthesize a portable topology again (diff attribution), each document is looked up by its
 * path in candidate directories and used only where the content has the recorded hash.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { UserInputError } from './problems';
import type { Topology } from './schema';
import { looksLikeS3, mapToolDocuments } from './tool-documents';

/** A tool document in a portable topology. */
export interface RecordedDocument {
  /** Path relative to the config file's directory, with `/` separators. */
  readonly file: string;
  /** SHA-256 of the file's bytes, hex. */
  readonly sha256: string;
}

export function isRecordedDocument(v: unknown): v is RecordedDocument {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const r = v as Record<string, unknown>;
  return Object.keys(r).length === 2 && typeof r.file === 'string' && typeof r.sha256 === 'string';
}

const sha256Of = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** The portable form of one document path (relative to `cwd`, as in a validated topology). */
function recordDocument(value: string, configDir: string, cwd: string): RecordedDocument {
  const abs = path.resolve(cwd, value);
  const rel = path.relative(configDir, abs);
  // Only on Windows, for a document on another drive than the config.
  if (path.isAbsolute(rel)) throw new UserInputError(`tool document ${value} is on another drive than the config file: keep tool documents beside the config`);
  let sha256: string;
  try {
    sha256 = sha256Of(abs);
  } catch (e) {
    throw new UserInputError(`cannot read tool document ${value}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return { file: rel.split(path.sep).join('/') || '.', sha256 };
}

/**
 * A validated topology in portable form (a deep copy where documents change; the rest shared).
 * `configDir` is the directory the config's paths are relative to (`LoadedTopology.configDir`).
 */
export function portableTopology(t: Topology, configDir: string, cwd = process.cwd()): unknown {
  return mapToolDocuments(t as unknown, (v) => (typeof v === 'string' && !looksLikeS3(v) ? recordDocument(v, path.resolve(cwd, configDir), cwd) : v));
}

/** `tools/x.json (sha256 0123456789ab)`: a recorded document, for messages. */
export const describeDocument = (d: RecordedDocument) => `${d.file} (sha256 ${d.sha256.slice(0, 12)})`;

/**
 * Finds recorded documents again: in the first of `dirs` where the file exists with the
 * recorded hash. Hashes are computed once per file.
 */
export class DocumentResolver {
  private readonly hashes = new Map<string, string | undefined>();

  constructor(private readonly dirs: readonly string[], private readonly cwd = process.cwd()) {}

  /** A path relative to `cwd` for the document, or undefined when no candidate has that content. */
  find(d: RecordedDocument): string | undefined {
    for (const dir of this.dirs) {
      const abs = path.resolve(this.cwd, dir, d.file);
      if (!this.hashes.has(abs)) {
        let hash: string | undefined;
        try {
          hash = fs.statSync(abs).isFile() ? sha256Of(abs) : undefined;
        } catch {
          hash = undefined;
        }
        this.hashes.set(abs, hash);
      }
      if (this.hashes.get(abs) === d.sha256) return (path.relative(this.cwd, abs) || '.').split(path.sep).join('/');
    }
    return undefined;
  }

  /**
   * The topology with every recorded document replaced by a path that opens it (the raw form
   * validation and synthesis take), and the documents that were not found.
   */
  resolve(topology: unknown): { readonly topology: unknown; readonly missing: readonly RecordedDocument[] } {
    const missing: RecordedDocument[] = [];
    const resolved = mapToolDocuments(topology, (v) => {
      if (!isRecordedDocument(v)) return v;
      const found = this.find(v);
      if (found === undefined) missing.push(v);
      return found ?? v;
    });
    return { topology: resolved, missing };
  }
}
