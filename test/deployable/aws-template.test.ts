/**
 * Deployability of the AWS template as synthesized by `stateline synth` (the default and the
 * two-agent scenarios of test/scenarios.ts, synthesized once by the global setup, cdk-nag on).
 */
import * as fs from 'fs';
import * as path from 'path';
import { scenarioDir } from '../scenarios';
import { actionRegex, policyDocuments } from '../aws/support';

const templateOf = (scenario: string) => {
  const dir = path.join(scenarioDir(scenario), 'cdk.out');
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.template.json'))!;
  return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
};
const asList = (x: unknown): any[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

describe('artifacts bucket: each agent lists and touches its own prefix only', () => {
  const json = templateOf('twoagents');
  const bucketId = Object.entries<any>(json.Resources).find(([id, r]) => r.Type === 'AWS::S3::Bucket' && id.startsWith('StateArtifacts'))![0];
  const bucketArn = { 'Fn::GetAtt': [bucketId, 'Arn'] };
  /** Statements of the runtime execution role policy of `agent`. */
  const runtimeStatements = (agent: string) => {
    const docs = policyDocuments(json).filter(({ resource }) => resource.startsWith(`Agents${agent.replace(/_/g, '')}RuntimeExecutionRoleDefaultPolicy`));
    expect(docs).toHaveLength(1);
    return asList(docs[0].document.Statement);
  };
  /** Statements that allow an S3 action on the bucket itself (not objects). */
  const bucketLevel = (agent: string) => runtimeStatements(agent).filter((st) => st.Effect === 'Allow'
    && asList(st.Action).some((a: string) => a.startsWith('s3:'))
    && asList(st.Resource).some((r) => JSON.stringify(r) === JSON.stringify(bucketArn)));

  test.each(['support_agent', 'billing_agent'])('%s: s3:ListBucket on the bucket only with an s3:prefix of its own prefix', (agent) => {
    const statements = bucketLevel(agent);
    expect(statements).toHaveLength(1);
    expect(statements[0].Action).toBe('s3:ListBucket');
    expect(statements[0].Condition).toEqual({ StringLike: { 's3:prefix': [`${agent}/`, `${agent}/*`] } });
  });

  test('no agent holds a wildcard list or bucket-read action (s3:List*, s3:GetBucket*, s3:*) on the bucket', () => {
    for (const agent of ['support_agent', 'billing_agent']) {
      for (const st of runtimeStatements(agent).filter((x) => x.Effect === 'Allow')) {
        const wide = asList(st.Action).filter((a: string) => ['s3:ListObjectsV2', 's3:ListBucketVersions', 's3:GetBucketPolicy'].some((probe) => actionRegex(a).test(probe)));
        expect({ agent, wide }).toEqual({ agent, wide: [] });
      }
    }
  });

  test('object actions are scoped to the agent prefix (`<bucket>/<agent>/*`)', () => {
    for (const agent of ['support_agent', 'billing_agent']) {
      const objectStatements = runtimeStatements(agent).filter((st) => asList(st.Action).includes('s3:GetObject'));
      expect(objectStatements).toHaveLength(1);
      expect(objectStatements[0].Resource).toEqual({ 'Fn::Join': ['', [bucketArn, `/${agent}/*`]] });
    }
  });
});

describe('tool gateway creation order', () => {
  test("the AgentCore gateway depends on its service role's policy (the KMS grants it is checked against)", () => {
    const json = templateOf('default');
    const [gatewayId, gateway] = Object.entries<any>(json.Resources).find(([, r]) => r.Type === 'AWS::BedrockAgentCore::Gateway')!;
    const roleId = gateway.Properties.RoleArn['Fn::GetAtt'][0];
    const [policyId, policy] = Object.entries<any>(json.Resources).find(([, r]) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((x: any) => x.Ref === roleId))!;
    expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('kms:Decrypt');
    expect({ gatewayId, dependsOn: gateway.DependsOn }).toEqual({ gatewayId, dependsOn: expect.arrayContaining([policyId]) });
  });
});

describe('secrets in custom resource logs', () => {
  /** SDK calls whose responses can carry secret material (response fields named in the comment). */
  const SECRET_BEARING = new Set([
    'ec2:describevpnconnections', // CustomerGatewayConfiguration: every tunnel's PSK with Standard storage
    'ec2:createvpnconnection',
    'secretsmanager:getsecretvalue', // SecretString
    'ssm:getparameter', 'ssm:getparameters', 'ssm:getparametersbypath', // decrypted SecureString values
    'kms:decrypt', 'kms:generatedatakey', // Plaintext
  ]);
  const calls = (cr: any) => ['Create', 'Update', 'Delete'].flatMap((k) => {
    const raw = cr.Properties[k];
    if (raw === undefined) return [];
    // `Create` is a JSON string, or a Fn::Join of one when it embeds tokens: its literal parts are enough here.
    const text = typeof raw === 'string' ? raw : JSON.stringify(raw).replace(/\\"/g, '"');
    const service = /"service":"([^"]+)"/.exec(text)?.[1] ?? '';
    const action = /"action":"([^"]+)"/.exec(text)?.[1] ?? '';
    const hidden = /"logApiResponseData":false/.test(text);
    return [{ api: `${service.replace(/^@aws-sdk\/client-/, '').toLowerCase()}:${action.toLowerCase()}`, hidden }];
  });

  test.each(['default', 'twoagents'])('%s: no custom resource whose API response can hold a secret logs response data', (scenario) => {
    const json = templateOf(scenario);
    const custom = Object.entries<any>(json.Resources).filter(([, r]) => r.Type === 'Custom::AWS');
    expect(custom.length).toBeGreaterThan(0);
    const all = custom.flatMap(([id, cr]) => calls(cr).map((c) => ({ id, ...c })));
    expect(all.some((c) => c.api === 'ec2:describevpnconnections')).toBe(true);
    expect(all.filter((c) => SECRET_BEARING.has(c.api) && !c.hidden)).toEqual([]);
    // Stronger: stateline's lookups never log responses at all.
    expect(all.filter((c) => !c.hidden)).toEqual([]);
  });

  test('and the VPN API itself no longer returns the keys: PSKs are stored in Secrets Manager', () => {
    const json = templateOf('default');
    const conns = Object.values<any>(json.Resources).filter((r) => r.Type === 'AWS::EC2::VPNConnection');
    expect(conns).toHaveLength(2);
    for (const c of conns) expect(c.Properties.PreSharedKeyStorage).toBe('SecretsManager');
  });
});

describe('names: one topology per `name` in an account and region', () => {
  const json = templateOf('default');
  const NOT_OURS = new Set(['ServiceName', 'DomainName']);

  test('every fixed physical name in the AWS template carries the topology name, so topologies of different names never collide', () => {
    const offenders: string[] = [];
    for (const [id, r] of Object.entries<any>(json.Resources)) {
      for (const [key, value] of Object.entries<any>(r.Properties ?? {})) {
        if (!key.endsWith('Name') || NOT_OURS.has(key) || typeof value !== 'string') continue;
        // Inline IAM policy names are scoped to their role, gateway target names to their gateway, not the account.
        if (r.Type === 'AWS::IAM::Policy' && key === 'PolicyName') continue;
        if (r.Type === 'AWS::BedrockAgentCore::GatewayTarget' && key === 'Name' && typeof r.Properties.GatewayIdentifier === 'object') continue;
        if (!/stateline/.test(value)) offenders.push(`${id}.${key}=${value}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  test('retained resources have no fixed names (a redeploy after a destroy creates new ones instead of failing on "already exists")', () => {
    const named = Object.entries<any>(json.Resources)
      .filter(([, r]) => r.DeletionPolicy === 'Retain')
      .filter(([, r]) => Object.entries<any>(r.Properties ?? {}).some(([k, v]) => k.endsWith('Name') && typeof v === 'string'))
      .map(([id, r]) => `${r.Type} ${id}`);
    // Runtime log groups keep a per-deployment suffix (lib/aws/agent-runtime.ts), so they are not literal names.
    expect(named).toEqual([]);
  });
});
