import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runPhases, ToolRunner } from '../../lib/deploy/runner';
import { HANDOVER } from '../../lib/topology/handover';
import { deriveFrom, rawDefault } from '../helpers';

const d = deriveFrom(rawDefault());
const HUB = 'stateline-azure-hub';
const AWS = 'stateline-aws-agents-eu-central-1';

/** Outputs the clouds would return, recorded once. */
const RECORDED: Record<string, Record<string, Record<string, string>>> = {
  hub: { [HUB]: { gateway_public_ip_1: '20.91.10.1', gateway_public_ip_2: '20.91.10.2', resolver_inbound_ip: '10.100.0.36' } },
  aws: {
    [AWS]: {
      Tunnel1OutsideIp: '3.120.0.1', Tunnel2OutsideIp: '3.120.0.2', Tunnel3OutsideIp: '3.120.0.3', Tunnel4OutsideIp: '3.120.0.4',
      Tunnel1PskSecretArn: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:psk1', Tunnel2PskSecretArn: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:psk2',
      Tunnel3PskSecretArn: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:psk3', Tunnel4PskSecretArn: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:psk4',
    },
  },
};

/** Replays recorded outputs into the --outputs-file the command names; can fail on demand. */
class RecordedRunner implements ToolRunner {
  calls: { argv: readonly string[]; env: Readonly<Record<string, string>> }[] = [];
  secretsRead: string[] = [];
  constructor(private failOn?: (argv: readonly string[]) => boolean) {}
  async exec(argv: readonly string[], env: Readonly<Record<string, string>>) {
    this.calls.push({ argv, env });
    if (this.failOn?.(argv)) return 1;
    const i = argv.indexOf('--outputs-file');
    if (i >= 0) {
      const file = argv[i + 1];
      const data = argv.includes(HUB) ? RECORDED.hub : argv[1] === 'cdk' ? RECORDED.aws : {};
      fs.writeFileSync(file, JSON.stringify(data));
    }
    return 0;
  }
  async readSecret(arn: string) {
    this.secretsRead.push(arn);
    return `Psk_${arn.slice(-4)}_value`;
  }
}

describe('phased deploy', () => {
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
      `[phase 2/3 aws-agents] cdk deploy ${AWS}`,
      '[phase 3/3 azure-link] cdktf deploy stateline-azure-link',
    ]);
    const text = lines.join('\n');
    expect(text).toContain('$ npx cdktf deploy stateline-azure-hub --skip-synth --output cdktf.out --auto-approve --parallelism 1');
    expect(text).toContain(`--parameters '${AWS}:AzureGatewayPublicIp1=<pending: ${HUB}.gateway_public_ip_1 from phase 1>'`);
    expect(text).toContain("TF_VAR_aws_tunnel_1_psk='********'");
    expect(fs.existsSync(path.join(dir, '.stateline'))).toBe(false);
  });

  test('hands phase 1 outputs to AWS parameters and phase 2 outputs to the link variables; secrets only via env', async () => {
    const runner = new RecordedRunner();
    const r = await runPhases(d, runner, opts());
    expect(r.code).toBe(0);
    expect(runner.calls.map((c) => c.argv.slice(0, 3).join(' '))).toEqual(['npx cdktf deploy', 'npx cdktf deploy', 'npx cdk deploy', 'npx cdktf deploy']);
    const cdk = runner.calls[2].argv;
    expect(cdk).toEqual(expect.arrayContaining([`${AWS}:AzureGatewayPublicIp1=20.91.10.1`, `${AWS}:AzureGatewayPublicIp2=20.91.10.2`]));
    const link = runner.calls[3];
    HANDOVER.linkOutsideIpVariables.forEach((v, i) => expect(link.env[`TF_VAR_${v}`]).toBe(`3.120.0.${i + 1}`));
    expect(link.env.TF_VAR_aws_tunnel_3_psk).toBe('Psk_psk3_value');
    expect(runner.secretsRead).toHaveLength(4);
    // Keys never reach argv, the log or the state directory.
    expect(link.argv.join(' ')).not.toContain('Psk_');
    expect(lines.join('\n')).not.toContain('Psk_');
    const stateFiles = fs.readdirSync(path.join(dir, '.stateline/deploy')).map((f) => fs.readFileSync(path.join(dir, '.stateline/deploy', f), 'utf8')).join('\n');
    expect(stateFiles).not.toContain('Psk_');
  });

  test('a failing phase stops the run and says what to re-run; the re-run resumes with recorded outputs', async () => {
    const failing = new RecordedRunner((argv) => argv[1] === 'cdk');
    const r = await runPhases(d, failing, opts());
    expect(r.code).toBe(1);
    expect(r.message).toMatch(/phase 2 .* failed .* re-run: stateline deploy --phase 2/);
    expect(failing.calls).toHaveLength(3);

    const again = new RecordedRunner();
    const r2 = await runPhases(d, again, opts({ phase: 2 }));
    expect(r2.code).toBe(0);
    expect(again.calls).toHaveLength(1);
    expect(again.calls[0].argv).toEqual(expect.arrayContaining([`${AWS}:AzureGatewayPublicIp1=20.91.10.1`]));
    const r3 = await runPhases(d, again, opts({ phase: 3 }));
    expect(r3.code).toBe(0);
    expect(again.calls[1].env.TF_VAR_aws_tunnel_4_outside_ip).toBe('3.120.0.4');
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
    expect(runner.calls.map((c) => `${c.argv[1]} ${c.argv[3]}`)).toEqual(['cdktf stateline-azure-link', `cdk ${AWS}`, 'cdktf stateline-azure-serving-swedencentral', `cdktf ${HUB}`]);
  });
});
