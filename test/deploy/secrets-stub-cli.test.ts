/**
 * A fake deploy through the real process runner: `npx`, `aws` and `terraform` are stub
 * scripts on PATH that record every argv and environment and play the clouds (outputs files,
 * Secrets Manager, Terraform outputs). The pre-shared keys and the agent's client secret must
 * reach their destinations and appear nowhere else: not in any file under the output or state
 * directory, not in a log line, not in any argv or environment a tool was started with.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ProcessRunner, runPhases } from '../../lib/deploy/runner';
import { deriveFrom, rawDefault } from '../helpers';

const CLIENT_SECRET = 'Qx8~EntraClientSecret.Value_0123456789abc';
const PSK = 'PreSharedKey_4f9a2b7c1d';
const AGENT_SECRET_ARN = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:stateline/agents/support_agent/entra-client-secret-AbCdEf';

const NPX = `#!/usr/bin/env bash
{ printf 'ARGV npx'; printf ' %q' "$@"; echo; env | grep -E '^(TF_VAR_|AWS_|ARM_)' | sed 's/^/ENV /'; } >> "$STUB_LOG"
out=""; prev=""
for a in "$@"; do [ "$prev" = "--outputs-file" ] && out="$a"; prev="$a"; done
[ -z "$out" ] && exit 0
case " $* " in
  *" stateline-azure-hub "*) echo '{"stateline-azure-hub":{"gateway_public_ip_1":"20.91.10.1","gateway_public_ip_2":"20.91.10.2","resolver_inbound_ip":"10.100.0.36"}}' > "$out";;
  *" stateline-azure-identity "*) echo '{"stateline-azure-identity":{"agent_support_agent_tenant_id":"72f988bf-86f1-41af-91ab-2d7cd011db47","agent_support_agent_client_id":"0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"}}' > "$out";;
  *" cdk deploy "*) touch "$FAKE_CLOUD/aws-stack-deployed"; echo '{"stateline-aws-agents-eu-central-1":{"AgentSupportAgentClientSecretArn":"${AGENT_SECRET_ARN}","Tunnel1OutsideIp":"3.120.0.1","Tunnel2OutsideIp":"3.120.0.2","Tunnel3OutsideIp":"3.120.0.3","Tunnel4OutsideIp":"3.120.0.4","Tunnel1PskSecretArn":"arn:aws:secretsmanager:eu-central-1:123456789012:secret:s2svpn!vpn-conn1-AbCdEf","Tunnel2PskSecretArn":"arn:aws:secretsmanager:eu-central-1:123456789012:secret:s2svpn!vpn-conn1-AbCdEf","Tunnel3PskSecretArn":"arn:aws:secretsmanager:eu-central-1:123456789012:secret:s2svpn!vpn-conn2-AbCdEf","Tunnel4PskSecretArn":"arn:aws:secretsmanager:eu-central-1:123456789012:secret:s2svpn!vpn-conn2-AbCdEf"}}' > "$out";;
  *) echo '{}' > "$out";;
esac
`;

const AWS = `#!/usr/bin/env bash
{ printf 'ARGV aws'; printf ' %q' "$@"; echo; } >> "$STUB_LOG"
case "$2" in
  # A Site-to-Site VPN-managed secret: each tunnel's key under its outside IP.
  get-secret-value) echo '{"3.120.0.1":"${PSK}","3.120.0.2":"${PSK}","3.120.0.3":"${PSK}","3.120.0.4":"${PSK}"}';;
  put-secret-value) cat > "$FAKE_CLOUD/put-secret-value.$(date +%s%N)"; echo 'version-1';;
  describe-secret) [ -e "$FAKE_CLOUD/aws-stack-deployed" ] || exit 254; echo 'arn';;
esac
`;

const TERRAFORM = `#!/usr/bin/env bash
{ printf 'ARGV terraform'; printf ' %q' "$@"; echo; } >> "$STUB_LOG"
case " $* " in
  *" output "*) printf '%s' "${CLIENT_SECRET}";;
esac
`;

/** Every file below `dir`, recursively. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : [full];
  });
}

describe('deploy with stub CLIs: secrets only where they belong', () => {
  let root: string;
  const saved = { PATH: process.env.PATH, STUB_LOG: process.env.STUB_LOG, FAKE_CLOUD: process.env.FAKE_CLOUD };
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-stubdeploy-'));
    const bin = path.join(root, 'bin');
    fs.mkdirSync(bin);
    fs.mkdirSync(path.join(root, 'cloud'));
    for (const [name, body] of Object.entries({ npx: NPX, aws: AWS, terraform: TERRAFORM })) {
      fs.writeFileSync(path.join(bin, name), body, { mode: 0o755 });
    }
    process.env.PATH = `${bin}${path.delimiter}${saved.PATH}`;
    process.env.STUB_LOG = path.join(root, 'cloud', 'calls.log');
    process.env.FAKE_CLOUD = path.join(root, 'cloud');
  });
  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('the full deploy moves the client secret and the PSKs without leaking them', async () => {
    const d = deriveFrom(rawDefault());
    const out = path.join(root, 'project');
    fs.mkdirSync(out);
    const lines: string[] = [];
    const r = await runPhases(d, new ProcessRunner(out, d.aws.region), {
      action: 'deploy', outDir: out, stateDir: path.join(out, '.stateline', 'deploy'), cwd: out, log: (l) => lines.push(l),
    });
    expect(r.message).toMatch(/deploy complete/);
    expect(r.code).toBe(0);

    // Delivered: the client secret into the agent's secret (JSON, on stdin), the PSKs into the link's TF_VAR env.
    const cloud = path.join(root, 'cloud');
    const puts = fs.readdirSync(cloud).filter((f) => f.startsWith('put-secret-value.'));
    expect(puts.map((f) => fs.readFileSync(path.join(cloud, f), 'utf8'))).toEqual([JSON.stringify({ clientSecret: CLIENT_SECRET })]);
    const calls = fs.readFileSync(path.join(cloud, 'calls.log'), 'utf8');
    expect(calls).toContain(`ARGV aws secretsmanager put-secret-value --secret-id ${AGENT_SECRET_ARN} --secret-string file:///dev/stdin`);
    expect(calls).toMatch(/ENV TF_VAR_aws_tunnel_1_psk=PreSharedKey_4f9a2b7c1d/);

    // Nowhere else: argv of any tool, the printed log, any file stateline wrote.
    const argvLines = calls.split('\n').filter((l) => l.startsWith('ARGV')).join('\n');
    expect(argvLines).not.toContain(CLIENT_SECRET);
    expect(argvLines).not.toContain(PSK);
    expect(calls).not.toContain(CLIENT_SECRET);
    const printed = lines.join('\n');
    expect(printed).not.toContain(CLIENT_SECRET);
    expect(printed).not.toContain(PSK);
    expect(printed).toContain(`copied client secret of agent support_agent to ${AGENT_SECRET_ARN}`);
    const written = filesUnder(out);
    expect(written.length).toBeGreaterThan(0);
    for (const f of written) {
      const text = fs.readFileSync(f, 'utf8');
      expect({ file: path.relative(out, f), leaks: text.includes(CLIENT_SECRET) || text.includes(PSK) }).toEqual({ file: path.relative(out, f), leaks: false });
    }
  });
});
