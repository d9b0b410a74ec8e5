/**
 * Cross-cloud diff of two synthesized outputs: per cloud and stack, resources added,
 * removed, updated and replaced, what is destructive or security-relevant, and the policy
 * delta (findings introduced and fixed).
 */
import { diffCloudFormation } from './cloudformation';
import type { CostSummary } from '../cost/model';
import { CloudSummary, DiffReport, isDestructive, PolicyFindingRef, ResourceChange, StackDiff } from './model';
import { readSynthOutputs, SynthOutputs } from '../outputs';
import { diffTerraform } from './terraform';

export * from './model';
export { readSynthOutputs } from '../outputs';

function stackDiffs(cloud: 'aws' | 'azure', before: Map<string, Record<string, unknown>>, after: Map<string, Record<string, unknown>>): StackDiff[] {
  const out: StackDiff[] = [];
  for (const stack of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const o = before.get(stack);
    const n = after.get(stack);
    let resources: ResourceChange[];
    let permissionsBroadened: boolean | undefined;
    if (cloud === 'aws') {
      const r = diffCloudFormation(o as never, n as never);
      resources = r.changes;
      permissionsBroadened = r.permissionsBroadened;
    } else {
      resources = diffTerraform(o as never, n as never);
    }
    if (resources.length === 0 && o && n) continue;
    out.push({ cloud, stack, status: !o ? 'added' : !n ? 'removed' : 'changed', resources, ...(permissionsBroadened ? { permissionsBroadened } : {}) });
  }
  return out;
}

function summarize(stacks: readonly StackDiff[], cloud: 'aws' | 'azure'): CloudSummary {
  const mine = stacks.filter((s) => s.cloud === cloud);
  const all = mine.flatMap((s) => s.resources);
  const count = (k: ResourceChange['kind']) => all.filter((r) => r.kind === k).length;
  return { stacks: mine.length, added: count('add'), updated: count('update'), replaced: count('replace'), removed: count('remove') };
}

const key = (f: PolicyFindingRef) => `${f.rule}\0${f.cloud}\0${f.stack}\0${f.resource}`;

export function policyDelta(before: readonly PolicyFindingRef[], after: readonly PolicyFindingRef[]) {
  const b = new Set(before.map(key));
  const a = new Set(after.map(key));
  const order = (x: PolicyFindingRef, y: PolicyFindingRef) => key(x).localeCompare(key(y));
  return {
    introduced: after.filter((f) => !b.has(key(f))).sort(order),
    fixed: before.filter((f) => !a.has(key(f))).sort(order),
  };
}

export function diffSynthOutputs(
  before: SynthOutputs, after: SynthOutputs,
  policy?: { before: readonly PolicyFindingRef[]; after: readonly PolicyFindingRef[] },
  cost?: { before: CostSummary; after: CostSummary },
): DiffReport {
  const stacks = [...stackDiffs('aws', before.aws, after.aws), ...stackDiffs('azure', before.azure, after.azure)];
  const delta = policy ? policyDelta(policy.before, policy.after) : { introduced: [], fixed: [] };
  const all = stacks.flatMap((s) => s.resources);
  return {
    version: 1,
    stacks,
    policy: delta,
    ...(cost ? { cost: { currency: cost.after.currency, before: cost.before, after: cost.after } } : {}),
    summary: {
      aws: summarize(stacks, 'aws'),
      azure: summarize(stacks, 'azure'),
      destructive: all.filter(isDestructive).length,
      security: all.filter((r) => r.security).length + stacks.filter((s) => s.permissionsBroadened).length,
      policyIntroduced: delta.introduced.length,
      policyFixed: delta.fixed.length,
    },
  };
}

/**
 * Diffs two output directories; `findings` runs the policy engine on one directory, `cost`
 * prices one (lib/cost) for the monthly floor before and after.
 */
export async function diffDirectories(
  beforeDir: string, afterDir: string,
  findings?: (dir: string) => Promise<readonly PolicyFindingRef[]>,
  cost?: (dir: string) => Promise<CostSummary>,
): Promise<DiffReport> {
  const before = readSynthOutputs(beforeDir);
  const after = readSynthOutputs(afterDir);
  const policy = findings ? { before: await findings(beforeDir), after: await findings(afterDir) } : undefined;
  const costs = cost ? { before: await cost(beforeDir), after: await cost(afterDir) } : undefined;
  return diffSynthOutputs(before, after, policy, costs);
}

export type FailOn = 'destructive' | 'security' | 'policy';

/** True when the report contains what `--fail-on` names. */
export function shouldFail(report: DiffReport, failOn: readonly FailOn[]): boolean {
  return failOn.some((f) => (f === 'destructive' ? report.summary.destructive > 0 : f === 'security' ? report.summary.security > 0 : report.summary.policyIntroduced > 0));
}

