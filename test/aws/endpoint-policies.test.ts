/**
 * The data perimeter on the agent VPC's endpoints (default topology's synthesized template, read
 * once): the exact statements of every endpoint policy, that each one lets through everything
 * the runtime role is granted (runtime, memory, gateway, image pulls, logs, traces, metrics,
 * state, keys), and that it stops other accounts' credentials and other accounts' resources.
 */
import { Stack } from 'aws-cdk-lib';
import { outputDirInputs } from '../../lib/cli/check';
import { endpointPolicyStatements, imageRepositoryArn } from '../../lib/aws/endpoint-policies';
import { INTERFACE_ENDPOINT_SERVICES } from '../../lib/aws/vpc-endpoints';
import { endpointAllows, EndpointRequest } from '../../lib/path/endpoint-policy';
import { loadInventory } from '../../lib/policy';
import type { InventoryResource, InventoryView } from '../../lib/policy/types';
import { scenarioDir } from '../scenarios';

const ACCOUNT = { Ref: 'AWS::AccountId' };
const TRUSTED = {
  Sid: 'AllowRequestsByAccountIdentitiesToAccountResources', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*',
  Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT, 'aws:ResourceAccount': ACCOUNT } },
};
const SERVICES = { Sid: 'AllowRequestsByAWSServicePrincipals', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { Bool: { 'aws:PrincipalIsAWSService': 'true' } } };
const withoutResource = (actions: string | string[]) => ({
  Sid: 'AllowActionsWithoutResourceForTrustedIdentities', Effect: 'Allow', Principal: '*', Action: actions, Resource: '*',
  Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } },
});
const IMAGE_PULLS = {
  Sid: 'AllowAgentImagePullsByTrustedIdentities', Effect: 'Allow', Principal: '*',
  Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
  Resource: 'arn:aws:ecr:eu-central-1:123456789012:repository/support-agent',
  Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } },
};
/** Code inside an agent cannot read its own Entra client secret through the VPC (AgentCore Identity reads it service-side). */
const AGENT_SECRETS = {
  Sid: 'DenyAgentClientSecretsInsideTheVpc', Effect: 'Deny', Principal: '*', Action: 'secretsmanager:GetSecretValue',
  Resource: { 'Fn::Join': ['', ['arn:aws:secretsmanager:eu-central-1:', { Ref: 'AWS::AccountId' }, ':secret:stateline/agents/*']] },
};
const LAYERS = { Sid: 'AllowEcrImageLayers', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::prod-eu-central-1-starport-layer-bucket/*' };

/** Expected statements per endpoint service. */
const EXPECTED: Record<string, object[]> = {
  'ecr.api': [TRUSTED, SERVICES, withoutResource('ecr:GetAuthorizationToken'), IMAGE_PULLS],
  'ecr.dkr': [TRUSTED, SERVICES, withoutResource('ecr:GetAuthorizationToken'), IMAGE_PULLS],
  logs: [TRUSTED, SERVICES],
  sts: [TRUSTED, SERVICES, withoutResource('sts:GetCallerIdentity')],
  secretsmanager: [TRUSTED, SERVICES, AGENT_SECRETS],
  kms: [TRUSTED, SERVICES],
  'bedrock-agentcore': [TRUSTED, SERVICES],
  'bedrock-agentcore.gateway': [TRUSTED, SERVICES],
  xray: [TRUSTED, SERVICES, withoutResource(['xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'])],
  monitoring: [TRUSTED, SERVICES, withoutResource('cloudwatch:PutMetricData')],
  s3: [TRUSTED, SERVICES, LAYERS],
  dynamodb: [TRUSTED, SERVICES],
};

let inv: InventoryView;
let endpoints: Map<string, InventoryResource>;
let role: InventoryResource;

beforeAll(async () => {
  const dir = scenarioDir('default');
  inv = await loadInventory({ cwd: dir, ...outputDirInputs(dir) });
  endpoints = new Map(inv.ofType('AWS::EC2::VPCEndpoint').map((e) => [String((e.properties.ServiceName as string).split('.').slice(3).join('.')), e]));
  role = inv.ofType('AWS::IAM::Role').find((r) => /RuntimeExecutionRole/.test(r.id))!;
});

describe('endpoint policies (default topology)', () => {
  test('every endpoint carries exactly the statements of its service', () => {
    expect([...endpoints.keys()].sort()).toEqual([...Object.keys(INTERFACE_ENDPOINT_SERVICES), 's3', 'dynamodb'].sort());
    for (const [service, e] of endpoints) {
      expect([service, e.properties.PolicyDocument]).toEqual([service, { Version: '2012-10-17', Statement: EXPECTED[service] }]);
    }
  });

  /** Which endpoint a runtime action goes through. */
  const endpointOf = (action: string): string[] => {
    const [prefix, name] = action.split(':');
    if (prefix === 'ecr') return ['ecr.api', 'ecr.dkr'];
    if (prefix === 'cloudwatch') return ['monitoring'];
    if (prefix === 'bedrock-agentcore') return [name === 'InvokeGateway' ? 'bedrock-agentcore.gateway' : 'bedrock-agentcore'];
    return [prefix];
  };
  /** The resource a grant names: a resource of the template, or a literal ARN (its account and path). */
  const target = (entry: unknown): Pick<EndpointRequest, 'resource' | 'resourcePath' | 'resourceAccount'> => {
    const id = typeof entry === 'object' && entry !== null ? ((entry as any)['Fn::GetAtt']?.[0] ?? (entry as any).Ref) : undefined;
    const resource = (id && inv.lookup(role.stack, id)) || role;
    const arn = typeof entry === 'string' && entry.startsWith('arn:') ? entry.split(':') : undefined;
    return { resource, resourcePath: arn ? arn.slice(5).join(':') : '', resourceAccount: arn && /^\d{12}$/.test(arn[4]) ? arn[4] : 'self' };
  };

  test('each endpoint lets through every action the runtime role is granted (runtime, memory, gateway, image pulls, logs, traces, metrics, state, keys, tokens)', () => {
    const docs = inv.ofType('AWS::IAM::Policy').filter((p) => JSON.stringify(p.properties.Roles).includes(role.id)).map((p) => p.properties.PolicyDocument as any);
    const checked: string[] = [];
    for (const st of docs.flatMap((d) => d.Statement)) {
      if (st.Effect !== 'Allow') continue;
      for (const action of [st.Action].flat() as string[]) {
        for (const service of endpointOf(action)) {
          const e = endpoints.get(service);
          expect([action, service, e !== undefined]).toEqual([action, service, true]);
          for (const entry of [st.Resource].flat()) {
            const verdict = endpointAllows(inv, e!, { action: action.replace(/\*$/, 'X'), role, service: action.split(':')[0], ...target(entry) });
            expect([action, service, JSON.stringify(entry), verdict.allowed]).toEqual([action, service, JSON.stringify(entry), true]);
          }
          checked.push(`${service} ${action}`);
        }
      }
    }
    // What the grants cover: image pulls (both ECR endpoints, the foreign-account repository by name), logs, traces,
    // metrics, AgentCore (memory, workload tokens, Azure tokens), the gateway, state (DynamoDB, S3) and the data key.
    for (const expected of ['ecr.api ecr:GetAuthorizationToken', 'ecr.dkr ecr:BatchGetImage', 'logs logs:PutLogEvents', 'xray xray:PutTraceSegments',
      'monitoring cloudwatch:PutMetricData', 'bedrock-agentcore bedrock-agentcore:CreateEvent', 'bedrock-agentcore bedrock-agentcore:GetResourceOauth2Token',
      'bedrock-agentcore.gateway bedrock-agentcore:InvokeGateway', 'dynamodb dynamodb:PutItem', 's3 s3:PutObject', 'kms kms:Decrypt']) {
      expect(checked).toContain(expected);
    }
  });

  test('image layers: ECR\'s presigned layer requests (signed by ECR\'s account) get through the S3 endpoint, for that bucket and GetObject only', () => {
    const s3 = endpoints.get('s3')!;
    const layer = { role, resource: role, service: 's3', principalAccount: '999999999999', resourceAccount: '999999999999', resourcePath: 'prod-eu-central-1-starport-layer-bucket/sha256/abc' };
    expect(endpointAllows(inv, s3, { ...layer, action: 's3:GetObject' })).toMatchObject({ allowed: true, detail: 'allowed by statement "AllowEcrImageLayers"' });
    expect(endpointAllows(inv, s3, { ...layer, action: 's3:PutObject' }).allowed).toBe(false);
    expect(endpointAllows(inv, s3, { ...layer, action: 's3:GetObject', resourcePath: 'attacker-bucket/loot' }).allowed).toBe(false);
  });

  test('the perimeter: other accounts\' credentials get nothing, this account\'s credentials reach no other account\'s data', () => {
    const outsider = { role, resource: role, principalAccount: '999999999999' };
    expect(endpointAllows(inv, endpoints.get('s3')!, { ...outsider, action: 's3:PutObject', service: 's3', resourceAccount: '999999999999', resourcePath: 'attacker-bucket/loot' }).allowed).toBe(false);
    expect(endpointAllows(inv, endpoints.get('dynamodb')!, { ...outsider, action: 'dynamodb:PutItem', service: 'dynamodb', resourcePath: 'table/x' }).allowed).toBe(false);
    expect(endpointAllows(inv, endpoints.get('secretsmanager')!, { ...outsider, action: 'secretsmanager:GetSecretValue', service: 'secretsmanager', resourcePath: 'secret:x' }).allowed).toBe(false);
    const exfil = { role, resource: role, resourceAccount: '999999999999' };
    expect(endpointAllows(inv, endpoints.get('s3')!, { ...exfil, action: 's3:PutObject', service: 's3', resourcePath: 'attacker-bucket/loot' }).allowed).toBe(false);
    expect(endpointAllows(inv, endpoints.get('kms')!, { ...exfil, action: 'kms:Encrypt', service: 'kms', resourcePath: 'key/x' }).allowed).toBe(false);
    expect(endpointAllows(inv, endpoints.get('ecr.dkr')!, { ...exfil, action: 'ecr:BatchGetImage', service: 'ecr', resourcePath: 'repository/other' }).allowed).toBe(false);
  });

  test('the deploy\'s custom resources run outside the VPC (no VpcConfig): the endpoint policies never see them', () => {
    const functions = inv.ofType('AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThanOrEqual(2);
    for (const f of functions) expect([f.id, f.properties.VpcConfig]).toEqual([f.id, undefined]);
  });
});

describe('endpoint policy statements', () => {
  const render = (service: string, organizationId?: string) => {
    const stack = new Stack(undefined, 'S', { env: { region: 'eu-west-1', account: '111122223333' } });
    return endpointPolicyStatements(service, { organizationId, imageRepositoryArns: ['arn:aws:ecr:eu-west-1:444455556666:repository/a'], region: 'eu-west-1', partition: 'aws' })
      .map((st) => stack.resolve(st.toStatementJson()));
  };

  test('with aws.organizationId, principals and resources of the organization are trusted', () => {
    const [trusted, , tokens, pulls] = render('ecr.api', 'o-a1b2c3d4e5');
    expect(trusted).toEqual({ Sid: 'AllowRequestsByOrganizationIdentitiesToOrganizationResources', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5', 'aws:ResourceOrgID': 'o-a1b2c3d4e5' } } });
    expect(tokens.Condition).toEqual({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } });
    expect(pulls).toMatchObject({ Resource: 'arn:aws:ecr:eu-west-1:444455556666:repository/a', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } });
  });

  test('the layer bucket is per region; image repositories come from the image URIs', () => {
    expect(render('s3').at(-1)).toMatchObject({ Sid: 'AllowEcrImageLayers', Resource: 'arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*' });
    expect(imageRepositoryArn('444455556666.dkr.ecr.eu-west-1.amazonaws.com/team/agent:1.2.3', 'aws')).toBe('arn:aws:ecr:eu-west-1:444455556666:repository/team/agent');
    expect(imageRepositoryArn('444455556666.dkr.ecr.eu-west-1.amazonaws.com/agent@sha256:' + 'a'.repeat(64), 'aws')).toBe('arn:aws:ecr:eu-west-1:444455556666:repository/agent');
  });
});
