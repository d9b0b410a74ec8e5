/**
 * The phased cross-cloud deploy as data: which command runs in which phase, and which
 * values each phase hands to the next. Pure functions; runners execute the steps.
 *
 * Phase 1: Azure hub (network, VPN gateway, resolver), the serving stacks, then the agents'
 *          identities (cdktf).
 * Phase 2: AWS agent stack (cdk) with the Azure gateway public IPs and each agent's tenant and
 *          client id as parameters; then each created identity's client secret is copied from
 *          the identity stack's sensitive output into its Secrets Manager secret (in memory).
 * Phase 3: Azure link stack (cdktf) with AWS tunnel outside IPs and pre-shared keys
 *          (read from Secrets Manager at deploy time, passed only via TF_VAR_* env).
 */
import * as path from 'path';
import type { Derived } from '../topology/derive';
import { HANDOVER } from '../topology/handover';

export type Action = 'deploy' | 'destroy';

/** Values handed over between phases (outputs of earlier phases). */
export interface Handover {
  /** Terraform outputs per Azure stack. */
  readonly azure: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** CloudFormation outputs per AWS stack. */
  readonly aws: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/**
 * A secret moved between clouds by the runner: read from a Terraform output (sensitive) and
 * written into a Secrets Manager secret as `{ "<jsonKey>": value }`. Only names and ARNs are
 * planned and printed; the value exists in the runner's memory only.
 */
export interface SecretTransfer {
  /** What it is, for the log (`client secret of agent support_agent`). */
  readonly what: string;
  /** Terraform working directory of the source stack (`cdktf.out/stacks/<stack>`). */
  readonly fromStackDir: string;
  readonly fromStack: string;
  readonly fromOutput: string;
  /**
   * Target secret: its ARN (an output of phase 2) when known, else its deterministic name, so a
   * rotation re-run of phase 1 on a fresh machine still finds it.
   */
  readonly toSecretArn: string;
  readonly jsonKey: string;
  /**
   * Id of the Entra credential being copied (a non-sensitive output), used as the request token:
   * copying the same credential twice creates no new secret version.
   */
  readonly credentialId?: string;
  /** Skip (not fail) when the target secret does not exist yet (phase 1 of a first deploy). */
  readonly skipIfMissing?: boolean;
}

export interface Step {
  readonly phase: 1 | 2 | 3;
  readonly phaseName: string;
  /** `secrets`: no CLI of its own; the runner performs `transfers`. */
  readonly tool: 'cdktf' | 'cdk' | 'secrets';
  readonly stacks: readonly string[];
  /** argv: executable first. */
  readonly command: readonly string[];
  /** Extra environment; values of `secretEnv` keys are secret. */
  readonly env: Readonly<Record<string, string>>;
  /** Env keys whose values are secret (masked in every printout). */
  readonly secretEnv: readonly string[];
  /** Where the tool writes its outputs (JSON), when it produces any. */
  readonly outputsFile?: string;
  /** Human description of values handed in. */
  readonly inputs: Readonly<Record<string, string>>;
  /** Secrets the runner copies (tool `secrets`). */
  readonly transfers?: readonly SecretTransfer[];
}

export interface PlanOptions {
  /** Directory holding cdk.out and cdktf.out (what `stateline synth --out` wrote). */
  readonly outDir: string;
  /** Where outputs files are kept between phases. */
  readonly stateDir: string;
}

const MASK = '********';

/** A placeholder shown (dry-run) or rejected (real run) when an input is not known yet. */
export function pending(what: string): string {
  return `<pending: ${what}>`;
}

export function isPending(v: string): boolean {
  return v.startsWith('<pending: ');
}

function outputsFile(opts: PlanOptions, name: string): string {
  return path.join(opts.stateDir, `${name}.outputs.json`);
}

function cdktf(opts: PlanOptions, action: Action, stacks: readonly string[], file?: string): string[] {
  // One stack at a time: serving stacks all write peerings and zone links on the hub VNet,
  // and Azure answers parallel writes to one resource with 409 AnotherOperationInProgress.
  const cmd = ['npx', 'cdktf', action, ...stacks, '--skip-synth', '--output', path.join(opts.outDir, 'cdktf.out'), '--auto-approve', '--parallelism', '1'];
  if (action === 'deploy' && file) cmd.push('--outputs-file', file);
  return cmd;
}

/** Phase 1 hands the gateway IPs and each agent's tenant and client id to phase 2 as CloudFormation parameters. */
function awsParameters(d: Derived, h: Handover): Record<string, string> {
  const hub = h.azure[d.hub.stackName] ?? {};
  const identity = h.azure[d.identity.stackName] ?? {};
  const out: Record<string, string> = {};
  HANDOVER.awsGatewayIpParameters.forEach((param, i) => {
    const output = HANDOVER.hubGatewayIpOutputs[i];
    out[param] = hub[output] ?? pending(`${d.hub.stackName}.${output} from phase 1`);
  });
  for (const agent of d.aws.agents) {
    const n = agent.identity.handover;
    out[n.tenantIdParameter] = identity[n.tenantIdOutput] ?? pending(`${d.identity.stackName}.${n.tenantIdOutput} from phase 1`);
    out[n.clientIdParameter] = identity[n.clientIdOutput] ?? pending(`${d.identity.stackName}.${n.clientIdOutput} from phase 1`);
  }
  return out;
}

/**
 * Client secrets of the identities stateline creates: identity stack output -> the agent's AWS
 * secret. In phase 1 (a rotation re-run) the secret is addressed by its name and skipped only when
 * it does not exist yet; in phase 2 by the ARN the stack outputs.
 */
function secretTransfers(d: Derived, h: Handover, opts: PlanOptions, phase: 1 | 2): SecretTransfer[] {
  const aws = h.aws[d.aws.stackName] ?? {};
  const identity = h.azure[d.identity.stackName] ?? {};
  return d.aws.agents.filter((a) => a.identity.mode === 'created').map((a) => {
    const n = a.identity.handover;
    const arn = aws[n.clientSecretArnOutput];
    return {
      what: `client secret of agent ${a.spec.name}`,
      fromStackDir: path.join(opts.outDir, 'cdktf.out', 'stacks', d.identity.stackName),
      fromStack: d.identity.stackName,
      fromOutput: n.clientSecretOutput,
      toSecretArn: arn ?? (phase === 1 ? a.identity.clientSecretName : pending(`${d.aws.stackName}.${n.clientSecretArnOutput} from phase 2`)),
      jsonKey: a.identity.clientSecretJsonKey,
      credentialId: identity[n.clientSecretKeyIdOutput],
      skipIfMissing: phase === 1,
    };
  });
}

/**
 * Phase 2 hands tunnel outside IPs (plain) and PSK secret ARNs (resolved to keys at run time):
 * each ARN names the connection's Site-to-Site VPN-managed secret, and the tunnel's key is the
 * field named by its outside IP (`pskFields`).
 */
function linkInputs(d: Derived, h: Handover) {
  const aws = h.aws[d.aws.stackName] ?? {};
  const env: Record<string, string> = {};
  const secretEnv: string[] = [];
  const pskArns: Record<string, string> = {};
  const pskFields: Record<string, string> = {};
  HANDOVER.linkOutsideIpVariables.forEach((v, i) => {
    const output = HANDOVER.awsTunnelOutsideIpOutputs[i];
    env[`TF_VAR_${v}`] = aws[output] ?? pending(`${d.aws.stackName}.${output} from phase 2`);
  });
  HANDOVER.linkPskVariables.forEach((v, i) => {
    const output = HANDOVER.awsTunnelPskSecretOutputs[i];
    const key = `TF_VAR_${v}`;
    pskArns[key] = aws[output] ?? pending(`${d.aws.stackName}.${output} from phase 2`);
    pskFields[key] = env[`TF_VAR_${HANDOVER.linkOutsideIpVariables[i]}`];
    secretEnv.push(key);
  });
  return { env, secretEnv, pskArns, pskFields };
}

export interface DeployPlan {
  readonly steps: readonly Step[];
  /** For phase 3: env key -> Secrets Manager ARN whose value the runner reads at run time. */
  readonly secretRefs: Readonly<Record<string, string>>;
  /** For phase 3: env key -> the tunnel outside IP whose key to take from that secret (see `vpn-psk.ts`). */
  readonly secretFields?: Readonly<Record<string, string>>;
}

/** Builds the ordered steps; `only` restricts to one phase. */
export function planDeploy(d: Derived, h: Handover, opts: PlanOptions, only?: 1 | 2 | 3): DeployPlan {
  const [p1, p2, p3] = d.phases;
  const params = awsParameters(d, h);
  const link = linkInputs(d, h);
  const servingStacks = servingStacksOf(d);
  const rotationTransfers = secretTransfers(d, h, opts, 1);
  const transfers = secretTransfers(d, h, opts, 2);
  const steps: Step[] = [
    // The hub first: serving stacks peer with its VNet and link its DNS zones.
    { phase: 1, phaseName: p1.name, tool: 'cdktf', stacks: [d.hub.stackName], command: cdktf(opts, 'deploy', [d.hub.stackName], outputsFile(opts, 'phase-1-hub')), env: {}, secretEnv: [], outputsFile: outputsFile(opts, 'phase-1-hub'), inputs: {} },
    { phase: 1, phaseName: p1.name, tool: 'cdktf', stacks: servingStacks, command: cdktf(opts, 'deploy', servingStacks, outputsFile(opts, 'phase-1-serving')), env: {}, secretEnv: [], outputsFile: outputsFile(opts, 'phase-1-serving'), inputs: {} },
    // After the serving stacks: the role assignments look their AI Services accounts up by name.
    { phase: 1, phaseName: p1.name, tool: 'cdktf', stacks: [d.identity.stackName], command: cdktf(opts, 'deploy', [d.identity.stackName], outputsFile(opts, 'phase-1-identity')), env: {}, secretEnv: [], outputsFile: outputsFile(opts, 'phase-1-identity'), inputs: {} },
    // A rotation re-run: hand the new client secrets over at once when the AWS secrets already exist (skipped on a first deploy).
    ...(rotationTransfers.length > 0 ? [secretsStep(1, p1.name, d, rotationTransfers)] : []),
    {
      phase: 2, phaseName: p2.name, tool: 'cdk', stacks: p2.stacks,
      command: [
        'npx', 'cdk', 'deploy', ...p2.stacks, '--app', path.join(opts.outDir, 'cdk.out'), '--require-approval', 'never',
        '--outputs-file', outputsFile(opts, 'phase-2-aws'),
        ...Object.entries(params).flatMap(([k, v]) => ['--parameters', `${d.aws.stackName}:${k}=${v}`]),
      ],
      env: {}, secretEnv: [], outputsFile: outputsFile(opts, 'phase-2-aws'), inputs: params,
    },
    ...(transfers.length > 0 ? [secretsStep(2, p2.name, d, transfers)] : []),
    {
      phase: 3, phaseName: p3.name, tool: 'cdktf', stacks: p3.stacks,
      command: cdktf(opts, 'deploy', p3.stacks, outputsFile(opts, 'phase-3-link')),
      env: { ...link.env, ...Object.fromEntries(link.secretEnv.map((k) => [k, MASK])) },
      secretEnv: link.secretEnv,
      outputsFile: outputsFile(opts, 'phase-3-link'),
      inputs: { ...link.env, ...Object.fromEntries(Object.entries(link.pskArns).map(([k, arn]) => [k, `secret ${arn}`])) },
    },
  ];
  return { steps: only ? steps.filter((s) => s.phase === only) : steps, secretRefs: link.pskArns, secretFields: link.pskFields };
}

/** The step that copies the agents' client secrets (identity stack output -> AWS secret). */
function secretsStep(phase: 1 | 2, phaseName: string, d: Derived, transfers: readonly SecretTransfer[]): Step {
  return {
    phase, phaseName, tool: 'secrets', stacks: [d.identity.stackName, d.aws.stackName], command: [], env: {}, secretEnv: [],
    inputs: Object.fromEntries(transfers.map((t) => [t.what, `${t.fromStack}.${t.fromOutput} -> secret ${t.toSecretArn} (value never shown)`])),
    transfers,
  };
}

/** The serving stacks of phase 1 (neither the hub nor the identity stack). */
function servingStacksOf(d: Derived): string[] {
  return d.phases[0].stacks.filter((s) => s !== d.hub.stackName && s !== d.identity.stackName);
}

/** Destroy runs the phases in reverse: link, AWS, identities, serving, hub. */
export function planDestroy(d: Derived, opts: PlanOptions, only?: 1 | 2 | 3): DeployPlan {
  const [p1, p2, p3] = d.phases;
  const servingStacks = servingStacksOf(d);
  // Destroy needs the link stack's variables set, not their real values.
  const placeholders: Record<string, string> = {};
  HANDOVER.linkOutsideIpVariables.forEach((v) => { placeholders[`TF_VAR_${v}`] = '192.0.2.1'; });
  HANDOVER.linkPskVariables.forEach((v) => { placeholders[`TF_VAR_${v}`] = 'destroyplaceholder'; });
  const steps: Step[] = [
    { phase: 3, phaseName: p3.name, tool: 'cdktf', stacks: p3.stacks, command: cdktf(opts, 'destroy', p3.stacks), env: placeholders, secretEnv: HANDOVER.linkPskVariables.map((v) => `TF_VAR_${v}`), inputs: {} },
    { phase: 2, phaseName: p2.name, tool: 'cdk', stacks: p2.stacks, command: ['npx', 'cdk', 'destroy', ...p2.stacks, '--app', path.join(opts.outDir, 'cdk.out'), '--force'], env: {}, secretEnv: [], inputs: {} },
    { phase: 1, phaseName: p1.name, tool: 'cdktf', stacks: [d.identity.stackName], command: cdktf(opts, 'destroy', [d.identity.stackName]), env: {}, secretEnv: [], inputs: {} },
    { phase: 1, phaseName: p1.name, tool: 'cdktf', stacks: servingStacks, command: cdktf(opts, 'destroy', servingStacks), env: {}, secretEnv: [], inputs: {} },
    { phase: 1, phaseName: p1.name, tool: 'cdktf', stacks: [d.hub.stackName], command: cdktf(opts, 'destroy', [d.hub.stackName]), env: {}, secretEnv: [], inputs: {} },
  ];
  return { steps: only ? steps.filter((s) => s.phase === only) : steps, secretRefs: {} };
}

/** Shell-quoted, secrets masked: what `--dry-run` prints. */
export function renderCommand(step: Step, cwd: string): string {
  const q = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const rel = (s: string) => (path.isAbsolute(s) ? path.relative(cwd, s) || '.' : s);
  if (step.tool === 'secrets') {
    return (step.transfers ?? []).map((t) => `terraform -chdir=${q(rel(t.fromStackDir))} output -raw ${t.fromOutput} | aws secretsmanager put-secret-value --secret-id ${q(t.toSecretArn)} (as {"${t.jsonKey}": ...}; value never shown${t.skipIfMissing ? '; skipped while the secret does not exist' : ''})`).join('\n      ');
  }
  const env = Object.entries(step.env).map(([k, v]) => `${k}=${q(step.secretEnv.includes(k) ? MASK : v)}`);
  return [...env, ...step.command.map((c) => q(rel(c)))].join(' ');
}
