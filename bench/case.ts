/**
 * One in-process benchmark case, run in its own process so its peak memory is its own:
 *   tsx bench/case.ts <case> <runs> <args...>
 * Prints one JSON line: { times: [ms...], maxRssMb }.
 * Modules are loaded before timing: the numbers are the operation, not Node's start-up.
 * With STATELINE_BENCH_BUILD=1 (as `npm run bench` runs it, after building) the cases load the
 * compiled build in dist/, the code the CLI runs; otherwise the TypeScript sources through tsx,
 * whose transform wraps every function it creates (keepNames) and so slows closure-heavy code.
 */
import * as fs from 'fs';
import * as path from 'path';
/* eslint-disable @typescript-eslint/no-require-imports -- each case loads only its own modules, so its peak memory is its own */

const LIB = path.join(__dirname, '..', process.env.STATELINE_BENCH_BUILD === '1' ? path.join('dist', 'lib') : 'lib');
const load = <T>(module: string): T => require(path.join(LIB, module)) as T;

function filesUnder(dir: string, pick: (f: string) => boolean, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const f = path.join(dir, e.name);
    if (e.isDirectory()) filesUnder(f, pick, out);
    else if (pick(f)) out.push(f);
  }
  return out;
}

/** Cases timed cold: no warm-up run (their first run is what they measure). */
const COLD_CASES = new Set(['check-schema-first', 'check-paths-first']);

/** Cases that time their parts in the same iterations (robust ratios on a shared machine). */
const split: Record<string, number[]> = {};
const part = (name: string, ms: number) => (split[name] ??= []).push(ms);

async function main() {
  const [name, runsText, ...args] = process.argv.slice(2);
  const runs = Number(runsText);
  let op: () => Promise<unknown>;
  switch (name) {
    case 'parse-floor': {
      // The floor for `check`: read and JSON.parse every synthesized file it would read.
      const files = args.flatMap((d) => filesUnder(d, (f) => f.endsWith('.json')));
      op = async () => files.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
      break;
    }
    case 'check': {
      const { runCheck } = load<typeof import('../lib/policy')>('policy');
      op = () => runCheck({ cdkOut: [path.join(args[0], 'cdk.out')], cdktfOut: [path.join(args[0], 'cdktf.out')] });
      break;
    }
    case 'check-and-cost': {
      // What synth runs after synthesis: the check, then the cost totals on the same inventory.
      const { evaluate, loadInventory } = load<typeof import('../lib/policy')>('policy');
      const { estimateCostSummary } = load<typeof import('../lib/cost')>('cost');
      op = async () => {
        const t0 = process.hrtime.bigint();
        const inventory = await loadInventory({ cdkOut: [path.join(args[0], 'cdk.out')], cdktfOut: [path.join(args[0], 'cdktf.out')] });
        evaluate(inventory);
        const t1 = process.hrtime.bigint();
        const summary = estimateCostSummary(inventory);
        part('check', Number(t1 - t0) / 1e6);
        part('cost', Number(process.hrtime.bigint() - t1) / 1e6);
        return summary;
      };
      break;
    }
    case 'check-paths': {
      // check as users run it, timing the path/* rules (they run the path proof) in the same
      // iterations: the proof's share is measured without comparing separate, noisy runs.
      const { runCheck, RULES } = load<typeof import('../lib/policy')>('policy');
      let inPaths = 0;
      const rules = RULES.map((r) => (!r.id.startsWith('path/') ? r : {
        ...r,
        evaluate: (resource: Parameters<typeof r.evaluate>[0], context: Parameters<typeof r.evaluate>[1]) => {
          const t = process.hrtime.bigint();
          try {
            return r.evaluate(resource, context);
          } finally {
            inPaths += Number(process.hrtime.bigint() - t) / 1e6;
          }
        },
      }));
      op = async () => {
        inPaths = 0;
        const t0 = process.hrtime.bigint();
        const result = await runCheck({ cdkOut: [path.join(args[0], 'cdk.out')], cdktfOut: [path.join(args[0], 'cdktf.out')], rules });
        const total = Number(process.hrtime.bigint() - t0) / 1e6;
        part('check', total);
        part('paths', inPaths);
        part('rest', total - inPaths);
        part('share', (inPaths / (total - inPaths)) * 100);
        return result;
      };
      break;
    }
    case 'check-without-paths': {
      // The same check minus the path/* family: their difference is what the path proof costs.
      const { runCheck, RULES } = load<typeof import('../lib/policy')>('policy');
      const rules = RULES.filter((r) => !r.id.startsWith('path/'));
      op = () => runCheck({ cdkOut: [path.join(args[0], 'cdk.out')], cdktfOut: [path.join(args[0], 'cdktf.out')], rules });
      break;
    }
    case 'check-schema': {
      // Check with schema validation on or off; the schema data is dropped before every run, so
      // "on" includes reading it, as a fresh `stateline synth` process does.
      const { runCheck } = load<typeof import('../lib/policy')>('policy');
      const { resetSchemaData } = load<typeof import('../lib/schema/data')>('schema/data');
      const schema = args[1] === 'on';
      op = () => {
        resetSchemaData();
        return runCheck({ cdkOut: [path.join(args[0], 'cdk.out')], cdktfOut: [path.join(args[0], 'cdktf.out')], schema });
      };
      break;
    }
    case 'check-schema-interleaved': {
      // Check without and with schema validation in the same process, alternating in every
      // iteration (the order swapped each time), so shared-machine noise and JIT state hit both
      // alike; the schema data is dropped before every run, as a fresh `stateline synth` reads it.
      const { runCheck } = load<typeof import('../lib/policy')>('policy');
      const { resetSchemaData } = load<typeof import('../lib/schema/data')>('schema/data');
      const check = async (schema: boolean) => {
        resetSchemaData();
        const t0 = process.hrtime.bigint();
        await runCheck({ cdkOut: [path.join(args[0], 'cdk.out')], cdktfOut: [path.join(args[0], 'cdktf.out')], schema });
        return Number(process.hrtime.bigint() - t0) / 1e6;
      };
      let round = 0;
      op = async () => {
        const first = round++ % 2 === 0;
        const a = await check(!first);
        const b = await check(first);
        const [off, on] = first ? [a, b] : [b, a];
        part('off', off);
        part('on', on);
        part('added', on - off);
      };
      break;
    }
    case 'check-schema-first': {
      // The first check of a fresh process, with or without the schema rules, as one `stateline
      // synth` runs it: the build in dist/ (what bin/stateline.js runs; bench/run.ts builds it
      // first), cold code, data read once (run with 1 run; no warm-up, see below).
      const { runCheck } = require('../dist/lib/policy') as typeof import('../lib/policy');
      const schema = args[1] === 'on';
      op = () => runCheck({ cdkOut: [path.join(args[0], 'cdk.out')], cdktfOut: [path.join(args[0], 'cdktf.out')], schema });
      break;
    }
    case 'check-paths-first': {
      // The first check of a fresh process, with or without the path/* rules, as one `stateline
      // check` runs it: the build in dist/, cold code (run with 1 run; no warm-up).
      const { runCheck, RULES } = require('../dist/lib/policy') as typeof import('../lib/policy');
      const rules = args[1] === 'on' ? RULES : RULES.filter((r) => !r.id.startsWith('path/'));
      op = () => runCheck({ cdkOut: [path.join(args[0], 'cdk.out')], cdktfOut: [path.join(args[0], 'cdktf.out')], rules });
      break;
    }
    case 'check-files': {
      const { runCheck } = load<typeof import('../lib/policy')>('policy');
      op = () => runCheck({ templates: args.filter((f) => !f.endsWith('.tf.json')), terraform: args.filter((f) => f.endsWith('.tf.json')) });
      break;
    }
    case 'diff': {
      const { diffDirectories } = load<typeof import('../lib/diff')>('diff');
      const { policyFindingsOf } = load<typeof import('../lib/cli/check')>('cli/check');
      op = () => diffDirectories(args[0], args[1], policyFindingsOf);
      break;
    }
    case 'graph': {
      const { graphOfOutputs } = load<typeof import('../lib/cli/graph')>('cli/graph');
      op = () => graphOfOutputs({ cdkOut: [path.join(args[0], 'cdk.out')], cdktfOut: [path.join(args[0], 'cdktf.out')] }, 'svg');
      break;
    }
    default:
      throw new Error(`unknown case ${name}`);
  }
  if (!COLD_CASES.has(name)) await op(); // warm-up
  for (const k of Object.keys(split)) delete split[k];
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await op();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  process.stdout.write(`${JSON.stringify({ times, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), ...(Object.keys(split).length ? { split } : {}) })}\n`);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
