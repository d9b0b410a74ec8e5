import { main } from '../../lib/cli/main';

/** Runs the CLI in-process and captures its output. */
export async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'stateline', ...args], { out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}
