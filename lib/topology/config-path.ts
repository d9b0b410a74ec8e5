/**
 * Where a topology comes from (no parsing, no validation): light enough for commands that only
 * need to know whether a config exists, such as `check` looking for suppressions.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Environment variable that selects a config for `cdk synth` / `cdktf synth`. */
export const CONFIG_ENV = 'STATELINE_CONFIG';
/** Config files looked for in the working directory, in this order. */
export const CONFIG_CANDIDATES = ['stateline.config.ts', 'stateline.config.json', 'stateline.config.yaml', 'stateline.config.yml'];

/** Finds the config: explicit file, then $STATELINE_CONFIG, then stateline.config.* in cwd. */
export function resolveConfigPath(file?: string, cwd = process.cwd()): string | undefined {
  if (file) return file;
  const fromEnv = process.env[CONFIG_ENV];
  if (fromEnv) return fromEnv;
  return CONFIG_CANDIDATES.map((c) => path.join(cwd, c)).find((c) => fs.existsSync(c));
}
