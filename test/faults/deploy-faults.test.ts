/**
 * The phased deploy under failure, through the real process runner with stub `npx`, `aws` and
 * `terraform` on PATH that play the clouds (never the real ones) and fail on demand: exit
 * non-zero, hang (also ignoring SIGTERM), write half or binary outputs, get killed, echo a secret
 * in their error output, or stop on Ctrl-C.
 *
 * For every fault at every step: the run stops naming the phase and stack (a hang within the step
 * timeout), no hand-over file is ever half-written, no temporary file stays, no secret reaches a
 * file, a log line or the terminal, and `deploy --phase N` from the failed phase on reaches the
 * same end state as an uninterrupted deploy.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawn } from 'child_process';
import { DeployResult, ProcessRunner, runPhases } from '../../lib/deploy/runner';
import { deriveFrom, rawDefault } from '../helpers';

const CLIENT_SECRET = 'Qx8~EntraClientSecret.Value_0123456789abc';
const PSK = 'PreSharedKey_4f9a2b7c1d';
const AGENT_SECRET_ARN = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:stateline/agents/support_agent/entra-client-secret-AbCdEf';
const CREDENTIAL_ID = '9a8b7c6d-5e4f-4321-8765-0fedcba98765';
/** The step timeout of the faulty runs (long enough for a stub step on a loaded machine); resumes get a minute. */
const TIMEOUT_MS = 3000;
const RESUME_TIMEOUT_MS = 60_000;
const GRACE_MS = 200;

const OUTPUTS = {
  hub: '{"stateline-azure-hub":{"gateway_public_ip_1":"20.91.10.1","gateway_public_ip_2":"20.91.10.2","resolver_inbound_ip":"10.100.0.36"}}',
  identity: `{"stateline-azure-identity":{"agent_support_agent_tenant_id":"72f988bf-86f1-41af-91ab-2d7cd011db47","agent_support_agent_client_id":"0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0","agent_support_agent_client_secret_key_id":"${CREDENTIAL_ID}"}}`,
  aws: `{"stateline-aws-agents-eu-central-1":{"AgentSupportAgentClientSecretArn":"${AGENT_SECRET_ARN}","Tunnel1OutsideIp":"3.120.0.1","Tunnel2OutsideIp":"3.120.0.2","Tunnel3OutsideIp":"3.120.0.3","Tunnel4OutsideIp":"3.120.0.4","Tunnel1PskSecretArn":"arn:aws:secretsmanager:eu-central-1:123456789012:secret:s2svpn!vpn-conn1-AbCdEf","Tunnel2PskSecretArn":"arn:aws:secretsmanager:eu-central-1:123456789012:secret:s2svpn!vpn-conn1-AbCdEf","Tunnel3PskSecretArn":"arn:aws:secretsmanager:eu-central-1:123456789012:secret:s2svpn!vpn-conn2-AbCdEf","Tunnel4PskSecretArn":"arn:aws:secretsmanager:eu-central-1:123456789012:secret:s2svpn!vpn-conn2-AbCdEf"}}`,
};

/** Fault handling shared by the stubs: `.stub` in the working directory names the cloud directory and the fault. */
const PRELUDE = `#!/usr/bin/env bash
. "$PWD/.stub"
args=" $* "
fault() { [ -n "$FAULT_MATCH" ] && [[ "$args" == *"$FAULT_MATCH"* ]]; }
half() { printf '%s' "\${1:0:$(( \${#1} / 2 ))}"; }
`;

const NPX = `${PRELUDE}
out=""; prev=""
for a in "$@"; do [ "$prev" = "--outputs-file" ] && out="$a"; prev="$a"; done
case "$args" in
  *" stateline-azure-hub "*) outputs='${OUTPUTS.hub}'; stack=hub;;
  *" stateline-azure-identity "*) outputs='${OUTPUTS.identity}'; stack=identity;;
  *" cdk deploy "*) outputs='${OUTPUTS.aws}'; stack=aws;;
  *" stateline-azure-link "*) outputs='{}'; stack=link;;
  *) outputs='{}'; stack=serving;;
esac
if fault; then case "$FAULT_MODE" in
  fail) echo "stub: deploy of $stack failed" >&2; exit 1;;
  hang) sleep 1000 & echo $! > "$CLOUD/grandchild.pid"; wait; exit 0;;
  stubborn) trap '' TERM; sleep 1000 & echo $! > "$CLOUD/grandchild.pid"; wait; exit 0;;
  half) half "$outputs" > "$out"; exit 0;;
  garbage) printf '\\000\\377\\376garbage\\001' > "$out"; exit 0;;
  killself) half "$outputs" > "$out"; kill -9 $$;;
  leak) echo "stub: apply failed; environment: $(env | grep TF_VAR_ | tr '\\n' ' ')" >&2; exit 1;;
  ctrlc) trap 'kill $!; echo INT >> "$CLOUD/signals"; exit 130' INT; [ -n "$out" ] && half "$outputs" > "$out"; echo started > "$CLOUD/started"; sleep 1000 & wait; exit 0;;
esac; fi
# The cloud's end state: what was deployed with which (non-secret) inputs, and whether each key arrived.
{
  echo "deployed $stack"
  for a in "$@"; do case "$a" in stateline-aws-agents-*:*=*) echo "param \${a#*:}";; esac; done
  env | grep '^TF_VAR_' | grep -v _psk= | sort
  for v in $(env | grep -o '^TF_VAR_aws_tunnel_[0-9]_psk' | sort); do [ "\${!v}" = "${PSK}" ] && echo "$v delivered"; done
} > "$CLOUD/state.$stack"
[ -n "$out" ] && printf '%s' "$outputs" > "$out"
exit 0
`;

const AWS = `${PRELUDE}
case "$2" in
  get-secret-value)
    if fault; then case "$FAULT_MODE" in fail) echo "An error occurred (AccessDenied)" >&2; exit 254;; hang) sleep 1000 & wait;; esac; fi
    echo '{"3.120.0.1":"${PSK}","3.120.0.2":"${PSK}","3.120.0.3":"${PSK}","3.120.0.4":"${PSK}"}';;
  put-secret-value)
    value=$(cat)
    if fault; then case "$FAULT_MODE" in
      fail) echo "An error occurred (InternalServiceError)" >&2; exit 254;;
      leak) echo "An error occurred (ValidationException) when calling PutSecretValue: invalid SecretString $value" >&2; exit 254;;
      hang) sleep 1000 & wait;;
    esac; fi
    token=""; prev=""
    for a in "$@"; do [ "$prev" = "--client-request-token" ] && token="$a"; prev="$a"; done
    printf '%s' "$value" > "$CLOUD/secret.$token"; echo 'version-1';;
  describe-secret) [ -e "$CLOUD/state.aws" ] || exit 254; echo 'arn';;
esac
`;

const TERRAFORM = `${PRELUDE}
case "$args" in
  *" output "*)
    if fault; then case "$FAULT_MODE" in fail) echo "Error: no state" >&2; exit 1;; hang) sleep 1000 & wait;; esac; fi
    printf '%s' "${CLIENT_SECRET}";;
esac
`;

interface Fault { readonly match: string; readonly mode: string; readonly phase: 1 | 2 | 3; readonly step: string }

const DEPLOY_STEPS: Array<[string, string, 1 | 2 | 3]> = [
  ['hub', ' stateline-azure-hub ', 1],
  ['serving', ' stateline-azure-serving-swedencentral ', 1],
  ['identity', ' stateline-azure-identity ', 1],
  ['aws', ' cdk deploy ', 2],
  ['link', ' stateline-azure-link ', 3],
];
const TOOL_MODES = ['fail', 'hang', 'stubborn', 'half', 'garbage', 'killself'];
const FAULTS: Fault[] = [
  ...DEPLOY_STEPS.flatMap(([step, match, phase]) => TOOL_MODES.map((mode) => ({ step, match, mode, phase }))),
  { step: 'link', match: ' stateline-azure-link ', mode: 'leak', phase: 3 },
  ...['fail', 'hang', 'leak'].map((mode) => ({ step: 'client secret copy', match: ' put-secret-value ', mode, phase: 2 as const })),
  ...['fail', 'hang'].map((mode) => ({ step: 'client secret read', match: ' output ', mode, phase: 2 as const })),
  ...['fail', 'hang'].map((mode) => ({ step: 'pre-shared key read', match: ' get-secret-value ', mode, phase: 3 as const })),
];

const d = deriveFrom(rawDefault());
let root: string;
const terminal: string[] = [];
const savedPath = process.env.PATH;

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

interface Project { readonly out: string; readonly cloud: string; readonly state: string; readonly log: string[] }

function project(name: string): Project {
  const out = path.join(root, name);
  const cloud = path.join(root, `${name}-cloud`);
  fs.mkdirSync(out, { recursive: true });
  fs.mkdirSync(cloud, { recursive: true });
  setFault({ out, cloud } as Project, undefined);
  return { out, cloud, state: path.join(out, '.stateline', 'deploy'), log: [] };
}

function setFault(p: Pick<Project, 'out' | 'cloud'>, f: Fault | undefined): void {
  fs.writeFileSync(path.join(p.out, '.stub'), `CLOUD='${p.cloud}'\nFAULT_MATCH='${f?.match ?? ''}'\nFAULT_MODE='${f?.mode ?? ''}'\n`);
}

function deploy(p: Project, phase?: 1 | 2 | 3, stepTimeoutMs = RESUME_TIMEOUT_MS): Promise<DeployResult> {
  return runPhases(d, new ProcessRunner(p.out, d.aws.region, { stepTimeoutMs, killGraceMs: GRACE_MS }), {
    action: 'deploy', outDir: p.out, stateDir: p.state, cwd: p.out, phase, log: (l) => p.log.push(l),
  });
}

/** The end state: what the fake clouds hold, and the hand-over files. */
function endState(p: Project): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(p.cloud).filter((x) => x.startsWith('state.') || x.startsWith('secret.')).sort()) out[`cloud/${f}`] = fs.readFileSync(path.join(p.cloud, f), 'utf8');
  for (const f of fs.existsSync(p.state) ? fs.readdirSync(p.state).sort() : []) out[`state/${f}`] = fs.readFileSync(path.join(p.state, f), 'utf8');
  return out;
}

/** Whether a process still runs 2 s later (a killed one may linger a moment as a zombie until reaped). */
async function stillRunning(pid: number): Promise<boolean> {
  for (let i = 0; i < 40; i++) {
    let state = '';
    try {
      state = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '')[0];
    } catch {
      return false;
    }
    if (state === 'Z') return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/** Runs `fn` over items, at most `n` at a time. */
async function pool<T>(items: readonly T[], n: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => { while (next < items.length) await fn(items[next++]); }));
}

interface CaseResult { fault: Fault; first: DeployResult; afterFault: Record<string, string>; resumed: DeployResult[]; end: Record<string, string>; files: string[]; grandchildAlive?: boolean; log: string[] }

const results: CaseResult[] = [];
let baseline: Record<string, string>;
let writeSpy: jest.SpyInstance[] = [];

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-deployfaults-'));
  const bin = path.join(root, 'bin');
  fs.mkdirSync(bin);
  for (const [name, body] of Object.entries({ npx: NPX, aws: AWS, terraform: TERRAFORM })) fs.writeFileSync(path.join(bin, name), body, { mode: 0o755 });
  process.env.PATH = `${bin}${path.delimiter}${savedPath}`;
  // What stateline shows on the terminal (child stderr passes through when it may carry a secret).
  writeSpy = [process.stdout, process.stderr].map((s) => {
    const write = s.write.bind(s) as (...a: unknown[]) => boolean;
    return jest.spyOn(s, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => { terminal.push(String(chunk)); return write(chunk, ...rest); }) as never);
  });

  const base = project('baseline');
  const r = await deploy(base);
  if (r.code !== 0) throw new Error(`baseline deploy failed: ${r.message}`);
  baseline = endState(base);

  await pool(FAULTS, 4, async (fault) => {
    const p = project(`case-${results.length}-${fault.step.replace(/\W/g, '')}-${fault.mode}`);
    setFault(p, fault);
    const first = await deploy(p, undefined, TIMEOUT_MS);
    const afterFault = endState(p);
    const grandchild = path.join(p.cloud, 'grandchild.pid');
    let grandchildAlive: boolean | undefined;
    if (fs.existsSync(grandchild)) grandchildAlive = await stillRunning(Number(fs.readFileSync(grandchild, 'utf8')));
    // Resume as a user would: the failed phase, then each later one.
    setFault(p, undefined);
    const resumed: DeployResult[] = [];
    for (let phase = fault.phase; phase <= 3; phase++) resumed.push(await deploy(p, phase as 1 | 2 | 3));
    results.push({ fault, first, afterFault, resumed, end: endState(p), files: filesUnder(p.out), grandchildAlive, log: p.log });
  });
}, 180_000);

afterAll(() => {
  for (const s of writeSpy) s.mockRestore();
  process.env.PATH = savedPath;
  fs.rmSync(root, { recursive: true, force: true });
});

const label = (f: Fault) => `${f.step}: ${f.mode}`;

describe('deploy faults at every step', () => {
  test('the matrix: every deploy step with every tool fault, and the secret steps', () => {
    expect(FAULTS).toHaveLength(5 * 6 + 1 + 3 + 2 + 2);
    expect(results).toHaveLength(FAULTS.length);
    expect(Object.keys(baseline).sort()).toEqual([
      'cloud/secret.9a8b7c6d-5e4f-4321-8765-0fedcba98765', 'cloud/state.aws', 'cloud/state.hub', 'cloud/state.identity', 'cloud/state.link', 'cloud/state.serving',
      'state/phase-1-hub.outputs.json', 'state/phase-1-identity.outputs.json', 'state/phase-1-serving.outputs.json', 'state/phase-2-aws.outputs.json', 'state/phase-3-link.outputs.json',
    ]);
    expect(baseline['cloud/state.link']).toMatch(/TF_VAR_aws_tunnel_4_psk delivered/);
  });

  test.each(FAULTS.map((f) => [label(f), f] as const))('%s: stops naming phase and stack, resumes to the same end state', (_l, fault) => {
    const r = results.find((x) => x.fault === fault)!;
    expect(r.first.code).toBe(1);
    expect(r.first.message).toMatch(new RegExp(`phase ${fault.phase}\\b`));
    expect(r.first.message).toMatch(new RegExp(`stateline deploy --phase ${fault.phase}`));
    if (fault.mode === 'hang' || fault.mode === 'stubborn') {
      expect(r.first.message).toMatch(/did not finish within 3s \(--step-timeout, STATELINE_STEP_TIMEOUT\); stateline stopped it and every process it started/);
      expect(r.first.message).toMatch(/`(npx c\w+ deploy|aws secretsmanager \S+|terraform output \S+)`/);
    }
    // The process group went down with the tool, grandchildren included.
    if (r.grandchildAlive !== undefined) expect(r.grandchildAlive).toBe(false);
    // Hand-over files: complete JSON or absent, never half-written; no temporary file left.
    for (const [name, text] of Object.entries(r.afterFault).filter(([n]) => n.startsWith('state/'))) {
      expect({ name, json: (() => { try { JSON.parse(text); return true; } catch { return false; } })() }).toEqual({ name, json: true });
    }
    expect(r.files.filter((f) => path.basename(f).startsWith('.stateline-tmp-'))).toEqual([]);
    // Resuming phase by phase reaches what the uninterrupted deploy reached.
    expect(r.resumed.map((x) => (x.code === 0 ? 'ok' : x.message))).toEqual(r.resumed.map(() => 'ok'));
    expect(r.end).toEqual(baseline);
  });
});

describe('secrets on every failure path', () => {
  test('no client secret or pre-shared key in any file of any project, any log line, or the terminal', () => {
    const leaks: string[] = [];
    for (const r of results) {
      for (const f of r.files) {
        const text = fs.readFileSync(f, 'utf8');
        if (text.includes(CLIENT_SECRET) || text.includes(PSK)) leaks.push(f);
      }
      if (r.log.some((l) => l.includes(CLIENT_SECRET) || l.includes(PSK))) leaks.push(`log of ${label(r.fault)}`);
      if ([r.first, ...r.resumed].some((x) => x.message.includes(CLIENT_SECRET) || x.message.includes(PSK))) leaks.push(`message of ${label(r.fault)}`);
    }
    const shown = terminal.join('');
    if (shown.includes(CLIENT_SECRET) || shown.includes(PSK)) leaks.push('terminal');
    expect(leaks).toEqual([]);
    // The leaking tools did print (masked): the filter was exercised, not bypassed.
    expect(shown).toMatch(/invalid SecretString \{"clientSecret":"\*\*\*\*\*\*\*\*"\}|invalid SecretString \*\*\*\*\*\*\*\*/);
    expect(shown).toMatch(/TF_VAR_aws_tunnel_1_psk=\*\*\*\*\*\*\*\*/);
  });
});

describe('Ctrl-C and a second deploy', () => {
  test('SIGINT to stateline during a step is passed to the tool once; the run stops naming where to resume; the resume completes', async () => {
    const p = project('ctrlc');
    setFault(p, { match: ' stateline-azure-serving-swedencentral ', mode: 'ctrlc', phase: 1, step: 'serving' });
    // A separate process: the signal goes to the deploying process, as Ctrl-C or a CI cancel would.
    const child = spawn(process.execPath, ['-e', `require('tsx/cjs'); require(${JSON.stringify(path.join(__dirname, 'fixtures', 'deploy-child.ts'))})`], { cwd: path.join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DEPLOY_CHILD_OUT: p.out } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => { stdout += b.toString(); });
    child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const started = path.join(p.cloud, 'started');
    for (let i = 0; i < 600 && !fs.existsSync(started); i++) await new Promise((r) => setTimeout(r, 50));
    expect({ started: fs.existsSync(started), stderr: fs.existsSync(started) ? '' : stderr }).toEqual({ started: true, stderr: '' });
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const r = JSON.parse(stdout) as { code: number; message: string };
    expect(r.message).toMatch(/SIGINT received during phase 1 \(stateline-azure-serving-swedencentral, stateline-azure-serving-francecentral\); stopped\. Completed steps are kept: re-run stateline deploy --phase 1 to resume/);
    expect(fs.readFileSync(path.join(p.cloud, 'signals'), 'utf8')).toBe('INT\n');
    // The lock was released and no temporary hand-over file stayed.
    expect(fs.readdirSync(p.state).filter((f) => f.startsWith('.'))).toEqual([]);
    setFault(p, undefined);
    for (const phase of [1, 2, 3] as const) expect((await deploy(p, phase)).code).toBe(0);
    expect(endState(p)).toEqual(baseline);
  }, 60_000);

  test('stateline itself SIGKILLed mid-step: the next deploy takes over its lock, drops its temporary hand-over file and resumes to the same end state', async () => {
    const p = project('killed');
    setFault(p, { match: ' stateline-azure-identity ', mode: 'ctrlc', phase: 1, step: 'identity' });
    const child = spawn(process.execPath, ['-e', `require('tsx/cjs'); require(${JSON.stringify(path.join(__dirname, 'fixtures', 'deploy-child.ts'))})`], { cwd: path.join(__dirname, '..', '..'), stdio: 'ignore', env: { ...process.env, DEPLOY_CHILD_OUT: p.out } });
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_c, sig) => r(sig)));
    const started = path.join(p.cloud, 'started');
    for (let i = 0; i < 600 && !fs.existsSync(started); i++) await new Promise((r) => setTimeout(r, 50));
    expect(fs.existsSync(started)).toBe(true);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // What a killed deploy leaves: its lock, the tool's temporary outputs file name reserved, the tool itself still running.
    expect(fs.readdirSync(p.state)).toContain('.lock');
    expect(fs.readdirSync(p.state).filter((f) => f.startsWith('.stateline-tmp-phase-1-identity.outputs.json.'))).toHaveLength(1);
    // The orphaned tool is stopped, as the README asks before resuming (its process group: the stub and its sleep).
    const stub = fs.readdirSync('/proc').filter((x) => /^\d+$/.test(x)).find((pid) => {
      try { return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`${p.out}/cdktf.out`); } catch { return false; }
    });
    expect(stub).toBeDefined();
    process.kill(-Number(stub), 'SIGKILL');
    setFault(p, undefined);
    for (const phase of [1, 2, 3] as const) expect((await deploy(p, phase)).code).toBe(0);
    expect(endState(p)).toEqual(baseline);
    expect(fs.readdirSync(p.state).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 60_000);

  test('a second deploy of the same state directory fails at once naming the running one; a dead one\'s lock is taken over', async () => {
    const p = project('locked');
    fs.mkdirSync(p.state, { recursive: true });
    const holder = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      fs.writeFileSync(path.join(p.state, '.lock'), JSON.stringify({ pid: holder.pid, host: os.hostname(), since: '2026-12-01T09:00:00.000Z', command: 'stateline deploy', token: 'c0ffee' }));
      await expect(deploy(p)).rejects.toThrow(`is locked by pid ${holder.pid} on ${os.hostname()}, started 2026-12-01T09:00:00.000Z (stateline deploy)`);
    } finally {
      holder.kill('SIGKILL');
      await new Promise((r) => holder.once('exit', r));
    }
    expect((await deploy(p)).code).toBe(0);
    expect(endState(p)).toEqual(baseline);
  });
});
