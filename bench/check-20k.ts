/**
 * Performance measurement of check over ~20,000 resources (realistic mix), in its own process (Jest's module
 * sandbox slows global lookups, which would measure Jest rather than the engine). Prints one JSON
 * line: best-of-N CPU milliseconds to read + JSON.parse the files, and to run the full check.
 *   node --import tsx bench/check-20k.ts
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCheck } from '../lib/policy';
import { writePerfFixture } from './check-fixture';

/** CPU time (user + system) is far less sensitive than wall time to other processes on a 2-core machine. */
async function bestCpuMs(runs: number, fn: () => unknown): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = process.cpuUsage();
    await fn();
    const d = process.cpuUsage(t0);
    min = Math.min(min, (d.user + d.system) / 1000);
  }
  return min;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-perf-'));
  try {
    const { templates, terraform } = writePerfFixture(dir);
    const files = [...templates, ...terraform];
    const floor = () => files.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
    const check = () => runCheck({ templates, terraform, cwd: dir });
    const { report } = await check(); // warm-up: module load and JIT
    floor();
    const floorMs = await bestCpuMs(5, floor);
    const checkMs = await bestCpuMs(5, check);
    process.stdout.write(`${JSON.stringify({ resources: report.summary.resources, floorMs, checkMs, ratio: checkMs / floorMs })}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
