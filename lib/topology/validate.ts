/**
 * Validation: schema issues and cross-field rules together, every problem at once.
 */
import type { z } from 'zod';
import { crossFieldProblems } from './rules';
import { Topology, topologySchema } from './schema';
import { mapToolDocuments, normalizeDocumentPath } from './tool-documents';
import { closest } from './suggest';
import { formatPath, PathSegment, Problem, valueAt } from './problems';

/** The outcome of {@link validateTopology}: the validated topology, or every problem with its field path. */
export type ValidationResult =
  | { readonly ok: true; readonly topology: Topology; readonly problems: readonly [] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

type AnySchema = { _zod: { def: Record<string, unknown> } };

/** Known keys of the object schema at `path`, for "did you mean" on unknown keys. */
function knownKeysAt(path: readonly PathSegment[]): string[] {
  let s = topologySchema as unknown as AnySchema;
  const unwrap = () => {
    for (let guard = 0; guard < 10; guard++) {
      const def = s._zod.def;
      if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') && def.innerType) s = def.innerType as AnySchema;
      else break;
    }
  };
  for (const seg of path) {
    unwrap();
    const def = s._zod.def;
    if (typeof seg === 'number' && def.type === 'array') s = def.element as AnySchema;
    else if (def.type === 'object' && typeof seg === 'string') {
      const next = (def.shape as Record<string, AnySchema>)[seg];
      if (!next) return [];
      s = next;
    } else return [];
  }
  unwrap();
  return s._zod.def.type === 'object' ? Object.keys(s._zod.def.shape as object) : [];
}

function fromZod(raw: unknown, issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(path);
    return issue.keys.map((key) => {
      const hint = closest(key, known);
      return {
        path: formatPath([...path, key]),
        value: valueAt(raw, [...path, key]),
        message: `is not a known field${hint ? ` (did you mean "${hint}"?)` : ''}; allowed here: ${known.join(', ')}`,
      };
    });
  }
  let message = issue.message;
  const value = valueAt(raw, path);
  if (issue.code === 'invalid_type' && value === undefined) message = `is required (${issue.expected})`;
  if (issue.code === 'invalid_value') message = enumMessage(issue.values, value);
  return [{ path: formatPath(path), value, message }];
}

/** An enum problem that says what to write: the allowed values, and the closest one (`globalstandard` -> `GlobalStandard`). */
function enumMessage(values: readonly unknown[], value: unknown): string {
  const allowed = values.map((v) => JSON.stringify(v)).join(', ');
  const strings = values.filter((v): v is string => typeof v === 'string');
  const hint = typeof value === 'string' ? closest(value, strings) : undefined;
  return `must be one of ${allowed}${hint ? `; did you mean "${hint}"?` : ''}`;
}

export interface ValidateOptions {
  /**
   * Directory that file paths in the topology (tool schemas, OpenAPI documents, Smithy models)
   * are relative to: the config file's directory.
   * @default the working directory
   */
  readonly baseDir?: string;
}

/**
 * The validated topology with every tool document path made relative to the working directory
 * (what derive and synthesis open), so the topology stays valid wherever it is used in this process.
 */
function withDocumentPaths(t: Topology, baseDir: string): Topology {
  return mapToolDocuments(t, (v) => (typeof v === 'string' ? normalizeDocumentPath(v, baseDir) : v));
}

/** Validates untyped input (parsed JSON/YAML or a TS object) against schema and rules. */
export function validateTopology(raw: unknown, options: ValidateOptions = {}): ValidationResult {
  const baseDir = options.baseDir ?? process.cwd();
  const parsed = topologySchema.safeParse(raw);
  const problems: Problem[] = parsed.success ? [] : parsed.error.issues.flatMap((i) => fromZod(raw, i));
  problems.push(...crossFieldProblems(raw, baseDir));
  if (problems.length === 0 && parsed.success) return { ok: true, topology: withDocumentPaths(parsed.data, baseDir), problems: [] };
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = `${p.path}\0${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { ok: false, problems: unique };
}
