import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runPhases, ToolRunner } from '../../lib/deploy/runner';
import { HANDOVER } from '../../lib/topology/handover';
import { deriveFrom, rawDefault } from '../helpers';

const d = deriveFrom(rawDefault());
const HUB = 'stateline-azure-hub';
const IDENTITY = 'stateline-azure-identity';
const AWS = 'stateline-aws-agents-eu-central-1';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const CLIENT_SECRET = 'Entra~secret~value~0123456789';
const CREDENTIAL_ID = '9a8b7c6d-5e4f-4321-8765-0fedcba98765';
const AGENT_SECRET_ARN = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:stateline/agents/support_agent/entra-client-secret-AbCdEf';

const CONN1_SECRET = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:s2svpn!vpn-0a1b2c3d4e5f60718-AbCdEf';
const CONN2_SECRET = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:s2svpn!vpn-0f9e8d7c6b5a40312-GhIjKl';
/** What those secrets hold: each tunnel's key under its outside IP. */
const SECRET_VALUES: Record<string, Record<string, string>> = {
  [CONN1_SECRET]: { '3.120.0.1': 'Psk_tunnel1_value', '3.120.0.2': 'Psk_tunnel2_value' },
  [CONN2_SECRET]: { '3.120.0.3': 'Psk_tunnel3_value', '3.120.0.4': 'Psk_tunnel4_value' },
};

/** Outputs the clouds would return, recorded once. */
const RECORDED: Record<string, Record<string, Record<string, string>>> = {
  hub: { [HUB]: { gateway_public_ip_1: '20.91.10.1', gateway_public_ip_2: '20.91.10.2', resolver_inbound_ip: '10.100.0.36' } },
  // cdktf leaves sensitive outputs out of --outputs-file: the client secret is not here.
  identity: { [IDENTITY]: { agent_support_agent_tenant_id: TENANT, agent_support_agent_client_id: CLIENT, agent_support_agent_principal_id: '11111111-2222-3333-4444-555555555555', agent_support_agent_client_secret_key_id: CREDENTIAL_ID } },
  aws: {
    [AWS]: {
      AgentSupportAgentClientSecretArn: AGENT_SECRET_ARN,
      Tunnel1OutsideIp: '3.120.0.1', Tunnel2OutsideIp: '3.120.0.2', Tunnel3OutsideIp: '3.120.0.3', Tunnel4OutsideIp: '3.120.0.4',
      // One Site-to-Site VPN-managed secret per connection (tunnels 1-2, 3-4).
      Tunnel1PskSecretArn: CONN1_SECRET, Tunnel2PskSecretArn: CONN1_SECRET, Tunnel3PskSecretArn: CONN2_SECRET, Tunnel4PskSecretArn: CONN2_SECRET,
    },
  },
};

/** Replays recorded outputs into the --outputs-file the command names; can fail on demand. */
class RecordedRunner implements ToolRunner {
  calls: { argv: readonly string[]; env: Readonly<Record<string, string>> }[] = [];
  secretsRead: string[] = [];
  secretsWritten: Array<{ arn: string; value: string; token?: string }> = [];
  /** The AWS secrets exist once the agent stack was deployed (here or in an earlier run). */
  secretsCreated = false;
  outputsRead: string[] = [];
  constructor(private failOn?: (argv: readonly string[]) => boolean) {}
  async exec(argv: readonly string[], env: Readonly<Record<string, string>>) {
    this.calls.push({ argv, env });
    if (this.failOn?.(argv)) return 1;
    if (argv[1] === 'cdk') this.secretsCreated = true;
    const i = argv.indexOf('--outputs-file');
    if (i >= 0) {
      const file = argv[i + 1];
      const data = argv.includes(HUB) ? RECORDED.hub : argv.includes(IDENTITY) ? RECORDED.identity : argv[1] === 'cdk' ? RECORDED.aws : {};
      fs.writeFileSync(file, JSON.stringify(data));
    }
    return 0;
  }
  async readSecret(arn: string) {
    this.secretsRead.push(arn);
    return JSON.stringify(SECRET_VALUES[arn]);
  }
  async readTerraformOutput(stackDir: string, output: string) {
    this.outputsRead.push(`${path.basename(stackDir)}.${output}`);
    return CLIENT_SECRET;
  }
  async writeSecret(arn: string, value: string, token?: string) {
    this.secretsWritten.push({ arn, value, ...(token ? { token } : {}) });
  }
  async secretExists() {
    return this.secretsCreated;
  }
}

describe('phased deploy', () => {
  test('a secret hand-over that cannot read the output fails naming the output, never a value', async () => {
    const runner = new RecordedRunner();
    runner.readTerraformOutput = async () => { throw new Error('terraform output exited 1'); };
    const dir2 = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-deploy-'));
    const log: string[] = [];
    const r = await runPhases(d, runner, { action: 'deploy', outDir: dir2, stateDir: path.join(dir2, 'state'), cwd: dir2, log: (l) => log.push(l), now: () => 0 });
    fs.rmSync(dir2, { recursive: true, force: true });
    expect(r.code).toBe(1);
    expect(r.message).toMatch(/phase 2 secret hand-over failed: cannot read stateline-azure-identity output agent_support_agent_client_secret .*re-run: stateline deploy --phase 2/);
    expect(runner.secretsWritten).toEqual([]);
    // Phase 3 never started.
    expect(runner.calls).toHaveLength(4);
  });

  let dir: string;
  let lines: string[];
  const opts = (extra: object = {}) => ({ action: 'deploy' as const, outDir: dir, stateDir: path.join(dir, '.stateline/deploy'), cwd: dir, log: (l: string) => lines.push(l), now: () => 0, ...extra });
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-deploy-')); lines = []; });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('dry run prints the three phases in order with their commands and runs nothing', async () => {
    const runner = new RecordedRunner();
    const r = await runPhases(d, runner, opts({ dryRun: true }));
    expect(r.code).toBe(0);
    expect(runner.calls).toEqual([]);
    const headers = lines.filter((l) => l.startsWith('[phase'));
    expect(headers).toEqual([
      `[phase 1/3 azure-serving] cdktf deploy ${HUB}`,
      '[phase 1/3 azure-serving] cdktf deploy stateline-azure-serving-swedencentral stateline-azure-serving-francecentral',
      `[phase 1/3 azure-serving] cdktf deploy ${IDENTITY}`,
      `[phase 1/3 azure-serving] hand over secrets ${IDENTITY} -> ${AWS}`,
      `[phase 2/3 aws-agents] cdk deploy ${AWS}`,
      `[phase 2/3 aws-agents] hand over secrets ${IDENTITY} -> ${AWS}`,
      '[phase 3/3 azure-link] cdktf deploy stateline-azure-link',
    ]);
    const text = lines.join('\n');
    expect(text).toContain('$ npx cdktf deploy stateline-azure-hub --skip-synth --output cdktf.out --auto-approve --parallelism 1');
    expect(text).toContain(`--parameters '${AWS}:AzureGatewayPublicIp1=<pending: ${HUB}.gateway_public_ip_1 from phase 1>'`);
    expect(text).toContain("TF_VAR_aws_tunnel_1_psk='********'");
    expect(text).toContain(`--parameters '${AWS}:AgentSupportAgentAzureClientId=<pending: ${IDENTITY}.agent_support_agent_client_id from phase 1>'`);
    expect(text).toContain(`client secret of agent support_agent = ${IDENTITY}.agent_support_agent_client_secret -> secret <pending: ${AWS}.AgentSupportAgentClientSecretArn from phase 2> (value never shown)`);
    expect(fs.existsSync(path.join(dir, '.stateline'))).toBe(false);
  });

  test('hands phase 1 outputs to AWS parameters and phase 2 outputs to the link variables; secrets only via env', async () => {
    const runner = new RecordedRunner();
    const r = await runPhases(d, runner, opts());
    expect(r.code).toBe(0);
    expect(runner.calls.map((c) => c.argv.slice(0, 3).join(' '))).toEqual(['npx cdktf deploy', 'npx cdktf deploy', 'npx cdktf deploy', 'npx cdk deploy', 'npx cdktf deploy']);
    const cdk = runner.calls[3].argv;
    expect(cdk).toEqual(expect.arrayContaining([
      `${AWS}:AzureGatewayPublicIp1=20.91.10.1`, `${AWS}:AzureGatewayPublicIp2=20.91.10.2`,
      `${AWS}:AgentSupportAgentAzureTenantId=${TENANT}`, `${AWS}:AgentSupportAgentAzureClientId=${CLIENT}`,
    ]));
    // The client secret goes from the identity stack's sensitive output to the agent's secret, as JSON, in memory.
    // On a first deploy the phase 1 hand-over is skipped (no AWS secret yet); phase 2 copies once.
    expect(lines).toContain('    skipped client secret of agent support_agent: stateline/agents/support_agent/entra-client-secret does not exist yet (first deploy: phase 2 creates it and copies the secret)');
    expect(runner.outputsRead).toEqual([`${IDENTITY}.agent_support_agent_client_secret`]);
    expect(runner.secretsWritten).toEqual([{ arn: AGENT_SECRET_ARN, value: JSON.stringify({ clientSecret: CLIENT_SECRET }), token: CREDENTIAL_ID }]);
    const link = runner.calls[4];
    HANDOVER.linkOutsideIpVariables.forEach((v, i) => expect(link.env[`TF_VAR_${v}`]).toBe(`3.120.0.${i + 1}`));
    // Each tunnel's key out of its connection's secret, by outside IP; each secret read once.
    expect([1, 2, 3, 4].map((n) => link.env[`TF_VAR_aws_tunnel_${n}_psk`])).toEqual(['Psk_tunnel1_value', 'Psk_tunnel2_value', 'Psk_tunnel3_value', 'Psk_tunnel4_value']);
    expect(runner.secretsRead.sort()).toEqual([CONN1_SECRET, CONN2_SECRET].sort());
    // Keys never reach argv, the log or the state directory.
    expect(link.argv.join(' ')).not.toContain('Psk_');
    expect(lines.join('\n')).not.toContain('Psk_');
    expect(lines.join('\n')).not.toContain(CLIENT_SECRET);
    expect(runner.calls.map((c) => `${c.argv.join(' ')} ${Object.values(c.env).join(' ')}`).join('\n')).not.toContain(CLIENT_SECRET);
    const stateFiles = fs.readdirSync(path.join(dir, '.stateline/deploy')).map((f) => fs.readFileSync(path.join(dir, '.stateline/deploy', f), 'utf8')).join('\n');
    expect(stateFiles).not.toContain('Psk_');
    expect(stateFiles).not.toContain(CLIENT_SECRET);
  });

  test('a VPN secret without the tunnel\'s outside IP fails phase 3, naming the addresses it holds and never a key', async () => {
    const runner = new RecordedRunner();
    runner.readSecret = async (arn: string) => (arn === CONN2_SECRET ? JSON.stringify({ '3.120.9.9': 'Psk_other_value' }) : JSON.stringify(SECRET_VALUES[arn]));
    const r = await runPhases(d, runner, opts());
    expect(r.code).toBe(1);
    expect(r.message).toMatch(/holds no key for the tunnel at 3\.120\.0\.3; it holds keys for 3\.120\.9\.9/);
    expect(`${r.message}\n${lines.join('\n')}`).not.toContain('Psk_');
    // Nothing ran with a partial set of keys.
    expect(runner.calls.map((c) => c.argv[1])).toEqual(['cdktf', 'cdktf', 'cdktf', 'cdk']);
  });

  test('a failing phase stops the run and says what to re-run; the re-run resumes with recorded outputs', async () => {
    const failing = new RecordedRunner((argv) => argv[1] === 'cdk');
    const r = await runPhases(d, failing, opts());
    expect(r.code).toBe(1);
    expect(r.message).toMatch(/phase 2 .* failed .* re-run: stateline deploy --phase 2/);
    expect(failing.calls).toHaveLength(4);
    expect(failing.secretsWritten).toEqual([]);

    const again = new RecordedRunner();
    const r2 = await runPhases(d, again, opts({ phase: 2 }));
    expect(r2.code).toBe(0);
    expect(again.calls).toHaveLength(1);
    expect(again.calls[0].argv).toEqual(expect.arrayContaining([`${AWS}:AzureGatewayPublicIp1=20.91.10.1`, `${AWS}:AgentSupportAgentAzureClientId=${CLIENT}`]));
    expect(again.secretsWritten.map((w) => w.arn)).toEqual([AGENT_SECRET_ARN]);
    const r3 = await runPhases(d, again, opts({ phase: 3 }));
    expect(r3.code).toBe(0);
    expect(again.calls[1].env.TF_VAR_aws_tunnel_4_outside_ip).toBe('3.120.0.4');
  });

  test('a rotation re-run of phase 1 hands the new client secret over right after the identity stack', async () => {
    const first = new RecordedRunner();
    expect((await runPhases(d, first, opts())).code).toBe(0);
    const rotation = new RecordedRunner();
    rotation.secretsCreated = true;
    const r = await runPhases(d, rotation, opts({ phase: 1 }));
    expect(r.code).toBe(0);
    expect(rotation.calls.map((c) => c.argv[3])).toEqual([HUB, 'stateline-azure-serving-swedencentral', IDENTITY]);
    expect(rotation.secretsWritten).toEqual([{ arn: AGENT_SECRET_ARN, value: JSON.stringify({ clientSecret: CLIENT_SECRET }), token: CREDENTIAL_ID }]);
  });

  test('the rotation re-run also works on a fresh machine with no earlier outputs: the secret is found by its name', async () => {
    const rotation = new RecordedRunner();
    rotation.secretsCreated = true;
    const r = await runPhases(d, rotation, opts({ phase: 1 }));
    expect(r.code).toBe(0);
    expect(rotation.secretsWritten).toEqual([{ arn: 'stateline/agents/support_agent/entra-client-secret', value: JSON.stringify({ clientSecret: CLIENT_SECRET }), token: CREDENTIAL_ID }]);
  });

  test('local Terraform state files (they hold the client secrets and PSKs) are made owner-only after each cdktf step', async () => {
    const state = path.join(dir, 'terraform.stateline-azure-identity.tfstate');
    fs.writeFileSync(state, '{}', { mode: 0o644 });
    const runner = new RecordedRunner();
    expect((await runPhases(d, runner, opts({ phase: 1 }))).code).toBe(0);
    expect(fs.statSync(state).mode & 0o777).toBe(0o600);
  });

  test('a later phase refuses to start without the earlier outputs', async () => {
    const runner = new RecordedRunner();
    const r = await runPhases(d, runner, opts({ phase: 3 }));
    expect(r.code).toBe(1);
    expect(r.message).toMatch(/phase 3 cannot start: missing .*Tunnel1OutsideIp/);
    expect(runner.calls).toEqual([]);
  });

  test('destroy runs the phases in reverse', async () => {
    const runner = new RecordedRunner();
    const r = await runPhases(d, runner, opts({ action: 'destroy' }));
    expect(r.code).toBe(0);
    expect(runner.calls.map((c) => `${c.argv[1]} ${c.argv[3]}`)).toEqual(['cdktf stateline-azure-link', `cdk ${AWS}`, `cdktf ${IDENTITY}`, 'cdktf stateline-azure-serving-swedencentral', `cdktf ${HUB}`]);
  });
});
