/**
 * Loads a topology from `stateline.config.ts|.json|.yaml`, or the embedded default.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { jsonParseMessage, printable, yamlProblem } from '../io/document';
import { jsonNestingBeyond, MAX_NESTING, MiB, parserFailure, readTextFile, valueNestingBeyond } from '../io/text';
import { DEFAULT_TOPOLOGY } from './default';
import { derive, Derived } from './derive';
import { formatProblems, UserInputError } from './problems';
import { validateTopology } from './validate';
import { resolveConfigPath } from './config-path';

export { CONFIG_CANDIDATES, CONFIG_ENV, resolveConfigPath } from './config-path';

/** A derived topology with where it came from. */
export interface LoadedTopology extends Derived {
  /** Where it came from: a path relative to cwd, or `(embedded default)`. */
  readonly source: string;
  /**
   * The directory the config's file paths (tool documents) are written relative to: the config
   * file's (absolute; the working directory for the embedded default). The synth records document
   * paths relative to it (lib/topology/portable.ts); never written out itself.
   */
  readonly configDir: string;
}

/**
 * Loads a TypeScript/JavaScript config. Under tsx (the CDK/CDKTF apps, the CLI run from the
 * sources) and jest, plain `require` works; the compiled CLI and any other caller fall back
 * to tsx's API (compiles on the fly, no type-check: the schema validates).
 */
function requireTs(abs: string): Record<string, unknown> {
  delete require.cache[abs];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(abs) as Record<string, unknown>;
  } catch (e) {
    if (!(e instanceof SyntaxError) && (e as { code?: string }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw e;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { require: tsxRequire } = require('tsx/cjs/api') as { require: (id: string, from: string) => Record<string, unknown> };
    return tsxRequire(abs, __filename);
  }
}

/** A topology is a few KB (64 serving regions: ~50 KB); past this a file is not one, whatever it parses to. */
export const MAX_TOPOLOGY_BYTES = 4 * MiB;
const WHAT = 'a topology';

const TS_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.cjs'];

/** The first line of whatever a config module threw (it need not be an Error). */
function thrownMessage(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  // Compilers prefix their own error names and markers (`Error:   x Unexpected ...`).
  const line = m.split('\n').map((l) => l.replace(/^\s*(?:\w*Error:\s*)+/, '').replace(/^\s*[x×]\s+/, '').trim()).find((l) => l.length > 0) ?? '';
  return printable(line);
}

/** An exported TypeScript topology must be plain data: bounded depth, no cycles, no throwing getters. */
function checkExported(file: string, value: unknown): unknown {
  let tooDeep: boolean;
  try {
    tooDeep = valueNestingBeyond(value);
  } catch (e) {
    throw new UserInputError(`cannot load ${file}: reading the exported topology threw: ${thrownMessage(e)}`);
  }
  if (tooDeep) throw new UserInputError(`cannot load ${file}: the exported topology nests deeper than ${MAX_NESTING} levels or contains a cycle; export plain data`);
  return value;
}

/** Reads the raw (unvalidated) config object from a file. */
export function readConfigFile(file: string): unknown {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs)) throw new UserInputError(`config file not found: ${file}`);
  const ext = path.extname(abs).toLowerCase();
  if (TS_EXTENSIONS.includes(ext)) {
    // The same text checks as JSON and YAML before any compiler sees it (binary data, UTF-16, size).
    const read = readTextFile(abs, MAX_TOPOLOGY_BYTES, WHAT);
    if ('problem' in read) throw new UserInputError(`cannot load ${file}: ${read.problem}`);
    let mod: Record<string, unknown>;
    try {
      mod = requireTs(abs);
    } catch (e) {
      throw new UserInputError(`cannot load ${file}: ${parserFailure(e) ?? thrownMessage(e)}`);
    }
    if (mod === null || typeof mod !== 'object') return mod;
    return checkExported(file, mod.default ?? mod.topology ?? mod);
  }
  if (ext !== '.json' && ext !== '.yaml' && ext !== '.yml') {
    throw new UserInputError(`unsupported config extension "${ext}" for ${file}: use .ts, .json, .yaml or .yml`);
  }
  const read = readTextFile(abs, MAX_TOPOLOGY_BYTES, WHAT);
  if ('problem' in read) throw new UserInputError(`${file}: ${read.problem}`);
  const text = read.text;
  if (ext === '.json') {
    if (jsonNestingBeyond(text) >= 0) throw new UserInputError(`${file} is not a topology: nested deeper than ${MAX_NESTING} levels`);
    try {
      return JSON.parse(text);
    } catch (e) {
      // V8 quotes the text around the error: never echo raw input.
      throw new UserInputError(`${file} is not valid JSON: ${jsonParseMessage(e)}`);
    }
  }
  let value: unknown;
  try {
    const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
      throw new UserInputError(`${file} is not valid YAML:\n${doc.errors.slice(0, 5).map((e) => `  - ${parserFailure(e) ?? yamlProblem(e, text)}`).join('\n')}`);
    }
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    if (e instanceof UserInputError) throw e;
    throw new UserInputError(`${file} is not valid YAML: ${parserFailure(e) ?? thrownMessage(e)}`);
  }
  if (valueNestingBeyond(value)) throw new UserInputError(`${file} is not a topology: nested deeper than ${MAX_NESTING} levels`);
  return value;
}

/**
 * Validates raw input and derives everything; throws UserInputError listing every problem.
 * `baseDir` is the directory file paths in the topology are relative to (the config file's).
 */
export function topologyFromRaw(raw: unknown, source: string, baseDir: string = process.cwd()): LoadedTopology {
  const result = validateTopology(raw, { baseDir });
  if (!result.ok) {
    const n = result.problems.length;
    throw new UserInputError(`${source}: ${n} problem${n === 1 ? '' : 's'} in the topology:\n${formatProblems(result.problems)}`, result.problems);
  }
  return { ...derive(result.topology), source, configDir: path.resolve(baseDir) };
}

/** Loads, validates and derives the topology: `file`, else $STATELINE_CONFIG, else stateline.config.* in cwd, else the embedded default; throws `UserInputError` listing every problem. */
export function loadTopology(file?: string): LoadedTopology {
  const resolved = resolveConfigPath(file);
  if (!resolved) return topologyFromRaw(DEFAULT_TOPOLOGY, '(embedded default)');
  const rel = path.relative(process.cwd(), path.resolve(resolved)) || resolved;
  const raw = readConfigFile(rel);
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) {
    throw new UserInputError(`${rel} is empty: expected a topology object with name, azure and aws (see schema/stateline.schema.json)`);
  }
  return topologyFromRaw(raw, rel, path.dirname(path.resolve(resolved)));
}
