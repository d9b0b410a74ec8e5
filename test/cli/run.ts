import { main } from '../../lib/cli/main';
import type { CliDeps } from '../../lib/cli/gates';

/** The day CLI tests run on (model lifecycles and suppression expiry do not drift with the calendar). */
export const TEST_DAY = new Date('2026-12-01T00:00:00Z');

/** Runs the CLI in-process and captures its output; the clock is pinned to {@link TEST_DAY} unless `deps` says otherwise. */
export async function run(args: string[], deps: CliDeps = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'stateline', ...args], { out: (s) => { out += s; }, err: (s) => { err += s; } }, { clock: () => TEST_DAY, ...deps });
  return { code, out, err };
}
