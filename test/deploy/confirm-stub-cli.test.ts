/**
 * Deploy and destroy through the CLI with stub `npx`, `terraform` and `aws` on PATH (they record
 * every call and play the clouds): nothing that changes a cloud runs without a yes or `--yes`,
 * each question names the stacks and the resolved target, a destroy names every resource it
 * deletes and wants "yes" typed out, and no run ever waits for an answer that cannot come.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ProcessPreviewRunner, type Prompt } from '../../lib/deploy/confirm';
import type { NetworkProbe } from '../../lib/deploy/preflight';
import { rawDefault } from '../helpers';
import { run } from '../cli/run';

const ACCOUNT = '210987654321';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const SUBSCRIPTION = '11111111-2222-3333-4444-555555555555';
const PSK = 'PreSharedKey_4f9a2b7c1d';
const CLIENT_SECRET = 'Qx8~EntraClientSecret.Value_0123456789abc';
const AWS_STACK = 'stateline-aws-agents-eu-central-1';
const AGENT_SECRET_ARN = `arn:aws:secretsmanager:eu-central-1:${ACCOUNT}:secret:stateline/agents/support_agent/entra-client-secret-AbCdEf`;

const NPX = `#!/usr/bin/env bash
{ printf 'ARGV npx'; printf ' %q' "$@"; echo; } >> "$STUB_LOG"
[ "$npm_config_yes" = "false" ] || { echo "npx may install packages: npm_config_yes=$npm_config_yes" >> "$STUB_LOG"; exit 99; }
if [ "$2" = "diff" ]; then
  printf 'Stack ${AWS_STACK}\\nIAM Statement Changes\\n┌───┐\\nResources\\n[+] AWS::EC2::VPC Network/Vpc NetworkVpc7FB7348F\\n[~] AWS::EC2::Subnet Network/Resource/agentsSubnet1/Subnet NetworkagentsSubnet1Subnet5821A6F4 replace\\n └─ [~] CidrBlock (requires replacement)\\n[-] AWS::Route53Resolver::FirewallRuleGroup DnsFirewall56AC7ACA destroy\\n' >&2
  exit 0
fi
out=""; prev=""
for a in "$@"; do [ "$prev" = "--outputs-file" ] && out="$a"; prev="$a"; done
[ -z "$out" ] && exit 0
case " $* " in
  *" stateline-azure-hub "*) echo '{"stateline-azure-hub":{"gateway_public_ip_1":"20.91.10.1","gateway_public_ip_2":"20.91.10.2","resolver_inbound_ip":"10.100.0.36"}}' > "$out";;
  *" stateline-azure-identity "*) echo '{"stateline-azure-identity":{"agent_support_agent_tenant_id":"${TENANT}","agent_support_agent_client_id":"0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"}}' > "$out";;
  *" cdk deploy "*) touch "$FAKE_CLOUD/aws-stack-deployed"; echo '{"${AWS_STACK}":{"AgentSupportAgentClientSecretArn":"${AGENT_SECRET_ARN}","Tunnel1OutsideIp":"3.120.0.1","Tunnel2OutsideIp":"3.120.0.2","Tunnel3OutsideIp":"3.120.0.3","Tunnel4OutsideIp":"3.120.0.4","Tunnel1PskSecretArn":"arn:aws:secretsmanager:eu-central-1:${ACCOUNT}:secret:s2svpn!vpn-conn1-AbCdEf","Tunnel2PskSecretArn":"arn:aws:secretsmanager:eu-central-1:${ACCOUNT}:secret:s2svpn!vpn-conn1-AbCdEf","Tunnel3PskSecretArn":"arn:aws:secretsmanager:eu-central-1:${ACCOUNT}:secret:s2svpn!vpn-conn2-AbCdEf","Tunnel4PskSecretArn":"arn:aws:secretsmanager:eu-central-1:${ACCOUNT}:secret:s2svpn!vpn-conn2-AbCdEf"}}' > "$out";;
  *) echo '{}' > "$out";;
esac
`;

const TERRAFORM = `#!/usr/bin/env bash
{ printf 'ARGV terraform'; printf ' %q' "$@"; echo; env | grep -E '^TF_VAR_aws_tunnel_1_psk=' | sed 's/^/ENV /'; } >> "$STUB_LOG"
stack=""; for a in "$@"; do case "$a" in -chdir=*) stack="$(basename "\${a#-chdir=}")";; esac; done
case " $* " in
  *" init "*) echo "Terraform has been successfully initialized!";;
  *" plan "*" -destroy "*) for r in azurerm_resource_group.main azurerm_virtual_network.main; do echo "{\\"type\\":\\"planned_change\\",\\"change\\":{\\"resource\\":{\\"addr\\":\\"$r\\"},\\"action\\":\\"delete\\"}}"; done;;
  *" plan "*)
    echo '{"type":"version","terraform":"1.11.4"}'
    echo '{"type":"planned_change","change":{"resource":{"addr":"azurerm_resource_group.main"},"action":"create"}}'
    [ "$stack" = "stateline-azure-link" ] && echo '{"type":"planned_change","change":{"resource":{"addr":"azurerm_virtual_network_gateway_connection.aws_1"},"action":"replace"}}'
    echo '{"type":"change_summary","changes":{"add":1,"change":0,"remove":0,"operation":"plan"}}';;
  *" output "*) printf '%s' "${CLIENT_SECRET}";;
esac
`;

const AWS = `#!/usr/bin/env bash
{ printf 'ARGV aws'; printf ' %q' "$@"; echo; } >> "$STUB_LOG"
case "$2" in
  get-secret-value) echo '{"3.120.0.1":"${PSK}","3.120.0.2":"${PSK}","3.120.0.3":"${PSK}","3.120.0.4":"${PSK}"}';;
  put-secret-value) cat > /dev/null; echo 'version-1';;
  describe-secret) [ -e "$FAKE_CLOUD/aws-stack-deployed" ] || exit 254; echo 'arn';;
  list-stack-resources) echo '{"StackResourceSummaries":[{"LogicalResourceId":"NetworkVpc7FB7348F","ResourceType":"AWS::EC2::VPC"},{"LogicalResourceId":"AgentssupportagentRuntime","ResourceType":"AWS::BedrockAgentCore::Runtime"}]}';;
esac
`;

/** Answers questions from a script and records them; an exhausted script is the end of input. */
class ScriptedPrompt implements Prompt {
  readonly questions: string[] = [];
  constructor(private readonly answers: string[]) {}
  async ask(question: string) {
    this.questions.push(question);
    return this.answers.shift() ?? '';
  }
}

const network: NetworkProbe = {
  awsIdentity: async () => ({ account: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:role/deployer` }),
  cdkBootstrapVersion: async () => 27,
  ecrImageExists: async () => true,
  azureCliAccount: async () => ({ subscriptionId: SUBSCRIPTION, tenantId: TENANT, user: 'me@example.com' }),
};
/** Every tool present, Azure through a service principal of the topology's tenant. */
const env = {
  hasCommand: () => true,
  fileExists: () => true,
  env: (n: string) => ({ ARM_SUBSCRIPTION_ID: SUBSCRIPTION, ARM_TENANT_ID: TENANT, ARM_CLIENT_ID: 'app', ARM_CLIENT_SECRET: 'x', AWS_PROFILE: 'deploy' } as Record<string, string>)[n],
};

describe('deploy and destroy ask first (stub CLIs)', () => {
  let root: string;
  let config: string;
  let calls: () => string;
  const saved = { PATH: process.env.PATH, STUB_LOG: process.env.STUB_LOG, FAKE_CLOUD: process.env.FAKE_CLOUD, TF_PLUGIN_CACHE_DIR: process.env.TF_PLUGIN_CACHE_DIR };
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-confirm-'));
    const bin = path.join(root, 'bin');
    fs.mkdirSync(bin);
    for (const [name, body] of Object.entries({ npx: NPX, terraform: TERRAFORM, aws: AWS })) fs.writeFileSync(path.join(bin, name), body, { mode: 0o755 });
    process.env.PATH = `${bin}${path.delimiter}${saved.PATH}`;
    // Where the previews' terraform keeps providers (else ~/.terraform.d/plugin-cache, as cdktf does).
    process.env.TF_PLUGIN_CACHE_DIR = path.join(root, 'plugin-cache');
    const t = rawDefault();
    t.aws.account = ACCOUNT;
    t.azure.tenantId = TENANT;
    t.aws.agents[0].image = `${ACCOUNT}.dkr.ecr.eu-central-1.amazonaws.com/support-agent:1.4.2`;
    for (const tool of t.aws.tools ?? []) if (tool.lambda) tool.lambda.functionArn = tool.lambda.functionArn.replace(':123456789012:', `:${ACCOUNT}:`);
    config = path.join(root, 'stateline.config.json');
    fs.writeFileSync(config, JSON.stringify(t));
    calls = () => (fs.existsSync(process.env.STUB_LOG!) ? fs.readFileSync(process.env.STUB_LOG!, 'utf8') : '');
  });
  /** A fresh fake cloud and call log per test. */
  beforeEach(() => {
    const cloud = fs.mkdtempSync(path.join(root, 'cloud-'));
    process.env.FAKE_CLOUD = cloud;
    process.env.STUB_LOG = path.join(cloud, 'calls.log');
  });
  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    fs.rmSync(root, { recursive: true, force: true });
  });
  const deps = (prompt?: Prompt, interactive = true) => ({ env, network, interactive, prompt, preview: new ProcessPreviewRunner(root) });
  const changing = (log: string) => log.split('\n').filter((l) => /^ARGV npx (cdktf|cdk) (deploy|destroy)|^ARGV aws secretsmanager put-secret-value/.test(l));

  test('without a terminal and without --yes: refused (exit 2) before the preflight, nothing runs, nothing is written', async () => {
    const out = path.join(root, 'never');
    for (const action of ['deploy', 'destroy']) {
      const r = await run([action, '--config', config, '--out', out], deps(undefined, false));
      expect(r.code).toBe(2);
      expect(r.err).toMatch(new RegExp(`stateline ${action} shows what each step will change and asks before running it, and there is no terminal to ask on\\. Review the steps with stateline ${action} --dry-run, then run stateline ${action} --yes \\(CI\\)`));
      expect(r.out).toBe('');
    }
    expect(calls()).toBe('');
    expect(fs.existsSync(out)).toBe(false);
  });

  test('the embedded default is refused for deploy and destroy unless asked for', async () => {
    for (const action of ['deploy', 'destroy']) {
      const r = await run([action, '--dry-run'], deps());
      expect(r.code).toBe(2);
      expect(r.err).toMatch(new RegExp(`stateline ${action}: no topology file \\(--config FILE, \\$STATELINE_CONFIG, or \\./stateline\\.config\\.ts.*\\), so this would ${action} the embedded demo topology\\. .*--use-embedded-default`));
    }
    expect(calls()).toBe('');
  });

  test('a "no" to the first step stops the deploy (exit 2): only its read-only preview ran', async () => {
    const prompt = new ScriptedPrompt(['n']);
    const r = await run(['deploy', '--config', config, '--out', path.join(root, 'no')], deps(prompt));
    expect(r.code).toBe(2);
    expect(r.out).toContain(`  target AWS    account ${ACCOUNT} (credentials arn:aws:iam::${ACCOUNT}:role/deployer), region eu-central-1`);
    expect(r.out).toContain(`  target Azure  subscription ${SUBSCRIPTION} (ARM_SUBSCRIPTION_ID), tenant ${TENANT} (ARM_TENANT_ID)`);
    expect(prompt.questions).toEqual([`Deploy stateline-azure-hub to Azure subscription ${SUBSCRIPTION} (tenant ${TENANT})? [y/N] `]);
    expect(r.out).toContain('    preview stateline-azure-hub (terraform plan): 1 to add, 0 to change, 0 to replace, 0 to destroy');
    expect(r.err).toMatch(/phase 1 \(stateline-azure-hub\) was not confirmed: nothing of it ran\. Re-run when ready: stateline deploy --phase 1/);
    expect(changing(calls())).toEqual([]);
    expect(calls()).toMatch(/^ARGV terraform -chdir=\S+\/cdktf\.out\/stacks\/stateline-azure-hub init -input=false -no-color\nARGV terraform -chdir=\S+ plan -input=false -no-color -json -lock-timeout=120s\n$/);
  });

  test('yes to each step: every step previewed, asked, then run; the pre-shared keys reach the link plan and no output', async () => {
    const prompt = new ScriptedPrompt(['y', 'yes', 'Y', 'y', 'y']);
    const r = await run(['deploy', '--config', config, '--out', path.join(root, 'yes')], deps(prompt));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(prompt.questions).toEqual([
      `Deploy stateline-azure-hub to Azure subscription ${SUBSCRIPTION} (tenant ${TENANT})? [y/N] `,
      `Deploy stateline-azure-serving-swedencentral, stateline-azure-serving-francecentral to Azure subscription ${SUBSCRIPTION} (tenant ${TENANT})? [y/N] `,
      `Deploy stateline-azure-identity to Azure subscription ${SUBSCRIPTION} (tenant ${TENANT})? [y/N] `,
      `Deploy ${AWS_STACK} to AWS account ${ACCOUNT}, eu-central-1? [y/N] `,
      `Deploy stateline-azure-link to Azure subscription ${SUBSCRIPTION} (tenant ${TENANT})? [y/N] `,
    ]);
    expect(r.out).toContain(`    preview ${AWS_STACK} (cdk diff): 1 to add, 0 to change, 1 to replace, 1 to destroy\n      replaces NetworkagentsSubnet1Subnet5821A6F4 (AWS::EC2::Subnet)\n      destroys DnsFirewall56AC7ACA (AWS::Route53Resolver::FirewallRuleGroup)\n      IAM statement changes: \`cdk diff\` lists them`);
    expect(r.out).toContain('    preview stateline-azure-link (terraform plan): 1 to add, 0 to change, 1 to replace, 0 to destroy\n      replaces azurerm_virtual_network_gateway_connection.aws_1');
    const log = calls();
    // The cdk diff previews exactly the parameters the deploy passes.
    const diff = log.split('\n').find((l) => l.startsWith('ARGV npx cdk diff'))!;
    const deploy = log.split('\n').find((l) => l.startsWith('ARGV npx cdk deploy'))!;
    expect(diff).toContain(`--parameters ${AWS_STACK}:AzureGatewayPublicIp1=20.91.10.1`);
    expect(diff.match(/--parameters \S+/g)).toEqual(deploy.match(/--parameters \S+/g));
    expect(changing(log).map((l) => l.split(' ').slice(1, 4).join(' '))).toEqual([
      'npx cdktf deploy', 'npx cdktf deploy', 'npx cdktf deploy', 'npx cdk deploy', 'aws secretsmanager put-secret-value', 'npx cdktf deploy',
    ]);
    // The link plan ran with the real key in its environment; nothing printed holds it.
    expect(log).toMatch(/ARGV terraform -chdir=\S+stateline-azure-link plan .*\nENV TF_VAR_aws_tunnel_1_psk=PreSharedKey_4f9a2b7c1d/);
    expect(r.out + r.err).not.toContain(PSK);
    expect(r.out + r.err).not.toContain(CLIENT_SECRET);
  });

  test('--yes: no preview and no question; every step runs (CI)', async () => {
    const prompt = new ScriptedPrompt([]);
    const r = await run(['deploy', '--yes', '--config', config, '--out', path.join(root, 'ci')], deps(prompt, false));
    expect(r.code).toBe(0);
    expect(prompt.questions).toEqual([]);
    expect(r.out.match(/ {4}confirmed by --yes/g)).toHaveLength(5);
    expect(calls()).not.toMatch(/ plan |npx cdk diff/);
    expect(changing(calls())).toHaveLength(6);
  });

  test('destroy names every resource of every step and wants "yes" typed out; "y" is not enough', async () => {
    const out = path.join(root, 'yes');
    const declined = new ScriptedPrompt(['y']);
    const no = await run(['destroy', '--config', config, '--out', out], deps(declined));
    expect(no.code).toBe(2);
    expect(declined.questions).toEqual([`Destroy stateline-azure-link (2 resources) in Azure subscription ${SUBSCRIPTION} (tenant ${TENANT})? Type yes to destroy: `]);
    expect(no.out).toContain(`destroy, in this order: stateline-azure-link, ${AWS_STACK}, stateline-azure-identity, stateline-azure-serving-swedencentral, stateline-azure-serving-francecentral, stateline-azure-hub\n  in AWS account ${ACCOUNT}, eu-central-1 and Azure subscription ${SUBSCRIPTION} (tenant ${TENANT})`);
    expect(no.out).toContain('    will destroy stateline-azure-link (terraform plan -destroy): 2 resources\n      destroys azurerm_resource_group.main\n      destroys azurerm_virtual_network.main');
    expect(changing(calls())).toEqual([]);

    const prompt = new ScriptedPrompt(['yes', 'yes', 'yes', 'yes', 'yes']);
    const r = await run(['destroy', '--config', config, '--out', out], deps(prompt));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(prompt.questions[1]).toBe(`Destroy ${AWS_STACK} (2 resources) in AWS account ${ACCOUNT}, eu-central-1? Type yes to destroy: `);
    expect(r.out).toContain(`    will destroy ${AWS_STACK} (CloudFormation): 2 resources\n      destroys NetworkVpc7FB7348F (AWS::EC2::VPC)\n      destroys AgentssupportagentRuntime (AWS::BedrockAgentCore::Runtime)`);
    expect(changing(calls()).map((l) => l.split(' ').slice(1, 5).join(' '))).toEqual([
      'npx cdktf destroy stateline-azure-link', `npx cdk destroy ${AWS_STACK}`, 'npx cdktf destroy stateline-azure-identity', 'npx cdktf destroy stateline-azure-serving-swedencentral', 'npx cdktf destroy stateline-azure-hub',
    ]);
  });

  test('destroy --yes asks nothing but still names every resource before each step', async () => {
    const r = await run(['destroy', '--yes', '--config', config, '--out', path.join(root, 'yes')], deps(new ScriptedPrompt([]), false));
    expect(r.code).toBe(0);
    expect(r.out).toContain(`    will destroy ${AWS_STACK} (CloudFormation): 2 resources\n      destroys NetworkVpc7FB7348F (AWS::EC2::VPC)`);
    expect(r.out.match(/ {4}confirmed by --yes/g)).toHaveLength(5);
    expect(changing(calls())).toHaveLength(5);
  });

  test('a preview that fails stops the step (exit 2) and masks the pre-shared keys in what it prints', async () => {
    const failing = {
      run: async (argv: readonly string[], e: Readonly<Record<string, string>>) => (argv.includes('plan') && argv.some((a) => a.endsWith('stateline-azure-link'))
        ? { code: 1, stdout: `{"type":"diagnostic","diagnostic":{"severity":"error","summary":"Invalid value","detail":"shared_key ${e.TF_VAR_aws_tunnel_1_psk} is too short"}}\n`, stderr: '' }
        : new ProcessPreviewRunner(root).run(argv, e)),
    };
    const r = await run(['deploy', '--phase', '3', '--config', config, '--out', path.join(root, 'yes')], { ...deps(new ScriptedPrompt([])), preview: failing });
    expect(r.code).toBe(2);
    expect(r.out).toContain('      preview failed: Invalid value: shared_key ******** is too short');
    expect(r.err).toMatch(/the preview of stateline-azure-link failed \(Invalid value: shared_key \*{8} is too short\): nothing of it ran/);
    expect(r.out + r.err).not.toContain(PSK);
    expect(changing(calls())).toEqual([]);
  });
});
