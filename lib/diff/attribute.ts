/**
 * Cause attribution: which topology field makes each resource change.
 *
 * Method (exact, and honest about what it cannot explain): the *before* topology is
 * re-synthesized with the current code (baseline), then once per changed field with only that
 * field applied. A resource change in the report is attributed to every field whose
 * single-field synthesis makes the same change (same cloud, stack and resource). What no single
 * field explains (fields acting only together, code changes, edited outputs) is reported as
 * unattributed; what the baseline itself already changes comes from code, not the topology.
 *
 * Cost: one in-process synthesis per changed field plus the baseline, of only the stacks the
 * report changes (~0.1-0.3 s each for the default topology once the CDK libraries are loaded;
 * the Azure app is still constructed whole); above `limit` fields attribution is skipped.
 */
import { diffSynthOutputs } from './index';
import type { DiffReport, ResourceChange, StackDiff, TopologyEffect, TopologySection } from './model';
import type { SynthOutputs } from '../outputs';
import { applyField, diffTopology, TopologyField } from './topology';

export const DEFAULT_ATTRIBUTION_LIMIT = 12;

export interface TopologySide {
  /** The resolved topology (defaults applied), or undefined when unknown. */
  readonly topology?: unknown;
  /** Where it was read, for the report. */
  readonly source: string;
}

export interface AttributionOptions {
  readonly before: TopologySide;
  readonly after: TopologySide;
  /** The synthesized *before* outputs the report compares (to tell code changes from topology ones). */
  readonly beforeOutputs?: SynthOutputs;
  /**
   * Synthesizes a raw topology with the current code, at least the stacks in `scope` (the
   * stacks the report changes: nothing else can be attributed); throws when the topology is invalid.
   */
  readonly synthesize?: (topology: unknown, scope: OutputScope) => SynthOutputs;
  /** @default DEFAULT_ATTRIBUTION_LIMIT */
  readonly limit?: number;
  /** Why attribution cannot run, when `synthesize` is absent for a reason other than `--no-attribution`. */
  readonly unavailable?: string;
}

/** Stack names per cloud. */
export interface OutputScope {
  readonly aws: ReadonlySet<string>;
  readonly azure: ReadonlySet<string>;
}

/** Only the stacks in `scope`: diffs of scoped outputs compare just those. */
function scoped(o: SynthOutputs, scope: OutputScope): SynthOutputs {
  const pick = (m: Map<string, Record<string, unknown>>, names: ReadonlySet<string>) => new Map([...m].filter(([k]) => names.has(k)));
  return { aws: pick(o.aws, scope.aws), azure: pick(o.azure, scope.azure) };
}

const key = (cloud: string, stack: string, resource: string) => `${cloud}\0${stack}\0${resource}`;

function changedKeys(r: DiffReport): Set<string> {
  return new Set(r.stacks.flatMap((s) => s.resources.map((x) => key(s.cloud, s.stack, x.resource))));
}

/** Resource types named the way reviewers say them; others come from the type name. */
const NOUNS: Readonly<Record<string, string>> = {
  'AWS::BedrockAgentCore::Runtime': 'agent runtime', 'AWS::BedrockAgentCore::Memory': 'agent memory',
  'AWS::EC2::VPNGatewayRoutePropagation': 'VPN route propagation', 'AWS::EC2::VPCEndpoint': 'VPC endpoint',
  'AWS::EC2::SubnetRouteTableAssociation': 'route table association', 'AWS::Route53Resolver::ResolverRule': 'DNS forwarding rule',
  azurerm_cognitive_deployment: 'model deployment', azurerm_cognitive_account: 'AI Services account',
  azurerm_kubernetes_cluster_node_pool: 'AKS node pool', azurerm_kubernetes_cluster: 'AKS cluster',
};

/** `AWS::EC2::VPCEndpoint` -> `VPC endpoint`; `azurerm_private_dns_zone` -> `private DNS zone`. */
export function nounOf(type: string): string {
  if (NOUNS[type]) return NOUNS[type];
  const last = type.includes('::') ? type.split('::').pop()! : type.replace(/^(azurerm|aws|google)_/, '');
  const words = last.includes('_') ? last.split('_') : last.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/);
  return words.map((w) => (/^(dns|ip|vpn|nat|kms|iam|vpc|aks|api|sql|acl)$/i.test(w) || /^[A-Z0-9]{2,}$/.test(w) ? w.toUpperCase() : w.toLowerCase())).join(' ');
}

export function plural(n: number, noun: string): string {
  if (n === 1) return `1 ${noun}`;
  const p = /(s|x|ch|sh)$/.test(noun) ? `${noun}es` : /[^aeiou]y$/.test(noun) ? `${noun.slice(0, -1)}ies` : `${noun}s`;
  return `${n} ${p}`;
}

const join = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);
const VERB = { replace: 'replaces', remove: 'removes', add: 'adds', update: 'updates' } as const;

/** `replaces 2 subnets, removes 1 subnet and 1 route table, updates 11 VPC endpoints`. */
export function summarizeChanges(changes: readonly ResourceChange[]): string {
  const parts: string[] = [];
  for (const kind of ['replace', 'remove', 'add', 'update'] as const) {
    const counts = new Map<string, number>();
    for (const c of changes.filter((x) => x.kind === kind)) counts.set(nounOf(c.resourceType), (counts.get(nounOf(c.resourceType)) ?? 0) + 1);
    if (counts.size === 0) continue;
    const items = [...counts.entries()].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([noun, n]) => plural(n, noun));
    parts.push(`${VERB[kind]} ${join(items)}`);
  }
  return parts.join(', ') || 'no resource changes';
}

function section(opts: AttributionOptions, fields: readonly TopologyField[], rest: Omit<TopologySection, 'before' | 'after' | 'changes'>): TopologySection {
  return { before: opts.before.source, after: opts.after.source, changes: fields.map(({ path, old, new: n }) => ({ path, ...(old !== undefined ? { old } : {}), ...(n !== undefined ? { new: n } : {}) })), ...rest };
}

/** The report with its topology section first (the topology diff heads every format). */
function headed(report: DiffReport, topology: TopologySection): DiffReport {
  const { version, stacks, policy, cost, summary } = report;
  return { version, topology, stacks, policy, ...(cost ? { cost } : {}), summary };
}

function withCauses(report: DiffReport, causesOf: (s: StackDiff, r: ResourceChange) => string[]): DiffReport {
  return { ...report, stacks: report.stacks.map((s) => ({ ...s, resources: s.resources.map((r) => ({ ...r, causes: causesOf(s, r) })) })) };
}

/** Adds the topology diff and each resource change's causes to a report. */
export function attributeChanges(report: DiffReport, opts: AttributionOptions): DiffReport {
  const total = report.stacks.reduce((n, s) => n + s.resources.length, 0);
  if (opts.before.topology === undefined || opts.after.topology === undefined) {
    const missing = [opts.before.topology === undefined ? 'before' : '', opts.after.topology === undefined ? 'after' : ''].filter(Boolean).join(' and ');
    return headed(report, section(opts, [], { effects: [], unattributed: total, attribution: `unattributed: the ${missing} topology is unknown (pass --${missing.split(' ')[0]}-config, or synthesize with a stateline that records stateline.topology.json)` }));
  }
  const fields = diffTopology(opts.before.topology, opts.after.topology);
  const limit = opts.limit ?? DEFAULT_ATTRIBUTION_LIMIT;
  if (!opts.synthesize || total === 0 || fields.length > limit) {
    const why = !opts.synthesize ? opts.unavailable ?? 'attribution off (--no-attribution)' : total === 0 ? 'no resource changes' : `${fields.length} topology fields changed (more than ${limit}): attribution skipped, each would cost one synthesis`;
    return headed(report, section(opts, fields, { effects: [], unattributed: total, attribution: why }));
  }
  const scope: OutputScope = {
    aws: new Set(report.stacks.filter((s) => s.cloud === 'aws').map((s) => s.stack)),
    azure: new Set(report.stacks.filter((s) => s.cloud === 'azure').map((s) => s.stack)),
  };
  const synth = (t: unknown) => scoped(opts.synthesize!(t, scope), scope);
  const baseline = synth(opts.before.topology);
  const fromCode = opts.beforeOutputs ? changedKeys(diffSynthOutputs(scoped(opts.beforeOutputs, scope), baseline)) : new Set<string>();
  const explained = new Map<string, Set<string>>();
  const notAlone: string[] = [];
  for (const f of fields) {
    let outputs: SynthOutputs;
    try {
      outputs = synth(applyField(opts.before.topology, f));
    } catch (e) {
      // Some fields are only valid together (e.g. two address spaces swapped): say so.
      notAlone.push(`${f.path} (${(e as Error).message.split('\n')[0]})`);
      continue;
    }
    explained.set(f.path, changedKeys(diffSynthOutputs(baseline, outputs)));
  }
  const out = withCauses(report, (s, r) => fields.filter((f) => explained.get(f.path)?.has(key(s.cloud, s.stack, r.resource))).map((f) => f.path));
  const all = out.stacks.flatMap((s) => s.resources.map((r) => ({ s, r })));
  const effects: TopologyEffect[] = fields.map((f) => {
    const mine = all.filter(({ r }) => r.causes?.includes(f.path)).map(({ r }) => r);
    return { field: f.path, summary: explained.has(f.path) ? summarizeChanges(mine) : 'not attributable alone: the topology is only valid with other changed fields', resources: mine.length };
  });
  const unattributed = all.filter(({ r }) => (r.causes ?? []).length === 0).length;
  const code = all.filter(({ s, r }) => fromCode.has(key(s.cloud, s.stack, r.resource))).length;
  const method = `re-synthesized the before topology with one field changed at a time (${fields.length + 1} syntheses)`;
  return headed(out, section(opts, fields, {
    effects, unattributed, ...(opts.beforeOutputs ? { fromCode: code } : {}),
    attribution: notAlone.length ? `${method}; not valid alone: ${notAlone.join('; ')}` : method,
  }));
}
