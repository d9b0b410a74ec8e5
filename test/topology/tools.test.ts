/**
 * `aws.tools[]` and `aws.agents[].tools`: what is accepted, what is refused (one test per
 * validation branch, each asserting the field path, the bad value and the message), how file
 * paths resolve, and what derive makes of tools (per-agent gateways, plans).
 */
import * as fs from 'fs';
import * as path from 'path';
import { derive } from '../../lib/topology/derive';
import type { Problem } from '../../lib/topology/problems';
import { loadTopology, topologyFromRaw } from '../../lib/topology/load';
import { validateTopology } from '../../lib/topology/validate';
import { tempDir, writeFiles } from '../policy/helpers';
import { rawDefault } from '../helpers';

const SECRET = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:tools/key-AbCdEf';
const OAUTH = { clientId: 'agent', clientSecretArn: SECRET, discoveryUrl: 'https://login.example.com/.well-known/openid-configuration', scopes: ['read'] };
const OPENAPI = {
  openapi: '3.0.3', info: { title: 'Weather', version: '1' }, servers: [{ url: 'https://api.weather.example/v1' }],
  paths: { '/forecast': { get: { operationId: 'getForecast', responses: { 200: { description: 'ok' } } } } },
};
const SMITHY = {
  smithy: '2.0',
  shapes: {
    'com.amazonaws.dynamodb#DynamoDB_20120810': {
      type: 'service', version: '2012-08-10',
      operations: [{ target: 'com.amazonaws.dynamodb#GetItem' }],
      traits: { 'aws.api#service': { sdkId: 'DynamoDB', arnNamespace: 'dynamodb', endpointPrefix: 'dynamodb' } },
    },
    'com.amazonaws.dynamodb#GetItem': { type: 'operation' },
  },
};
const TOOL_SCHEMA = [{ name: 'get_weather', description: 'Weather for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }];

/** The default topology with `tools` added to aws.tools and to the agent's list. */
function withTools(tools: object[], mutate: (t: any) => void = () => undefined): any {
  const t = rawDefault();
  t.aws.tools.push(...tools);
  t.aws.agents[0].tools.push(...tools.map((x: any) => x.name));
  mutate(t);
  return t;
}

function problemsOf(t: unknown, baseDir?: string): Problem[] {
  const r = validateTopology(t, { baseDir });
  if (r.ok) throw new Error('expected the topology to be invalid');
  return [...r.problems];
}

function expectProblem(problems: Problem[], at: string, message: RegExp | string, value?: unknown) {
  const hit = problems.find((p) => p.path === at && (typeof message === 'string' ? p.message.includes(message) : message.test(p.message)));
  if (!hit) throw new Error(`no problem at ${at} matching ${message}; got:\n${JSON.stringify(problems, null, 2)}`);
  if (value !== undefined) expect(hit.value).toEqual(value);
}

const lambdaTool = (over: object = {}) => ({ name: 'weather', lambda: { functionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:weather', toolSchema: TOOL_SCHEMA, ...over } });

describe('valid tools', () => {
  test('one tool of each kind with files relative to the config directory validates, and paths become relative to the working directory', () => {
    const dir = writeFiles({ 'cfg/tools/weather.tools.json': TOOL_SCHEMA, 'cfg/tools/forecast.openapi.json': OPENAPI, 'cfg/models/dynamodb.json': SMITHY });
    const t = withTools([
      lambdaTool({ toolSchema: 'tools/weather.tools.json' }),
      { name: 'forecast', openapi: { schema: 'tools/forecast.openapi.json', auth: { apiKey: { secretArn: SECRET, parameterName: 'X-Api-Key' } } } },
      { name: 'docs', mcp: { endpoint: 'https://mcp.docs.example/mcp', auth: { oauth2: OAUTH } } },
      { name: 'orders-table', smithy: { model: 'models/dynamodb.json', allow: [{ actions: ['dynamodb:GetItem'], resources: ['arn:aws:dynamodb:eu-central-1:123456789012:table/orders'] }] } },
    ]);
    const r = validateTopology(t, { baseDir: path.join(dir, 'cfg') });
    expect(r.problems).toEqual([]);
    if (!r.ok) return;
    const tools = r.topology.aws.tools;
    const rel = (p: string) => path.relative(process.cwd(), path.join(dir, 'cfg', p)).split(path.sep).join('/');
    expect(tools[1].lambda!.toolSchema).toBe(rel('tools/weather.tools.json'));
    expect(tools[2].openapi!.schema).toBe(rel('tools/forecast.openapi.json'));
    expect(tools[4].smithy!.model).toBe(rel('models/dynamodb.json'));
    expect(path.isAbsolute(tools[2].openapi!.schema)).toBe(false);
    // Defaults applied.
    expect(tools[2].openapi!.auth.apiKey).toMatchObject({ jsonKey: 'apiKey', location: 'header' });
    expect(tools[3].mcp!.auth.oauth2).toMatchObject({ clientSecretJsonKey: 'clientSecret', clientAuthentication: 'CLIENT_SECRET_POST' });

    const d = derive(r.topology);
    expect(d.aws.tools.map((x) => [x.name, x.kind])).toEqual([['order-lookup', 'lambda'], ['weather', 'lambda'], ['forecast', 'openapi'], ['docs', 'mcp'], ['orders-table', 'smithy']]);
    expect(d.aws.tools[1].toolDefinitions).toEqual(TOOL_SCHEMA);
    expect(d.aws.tools[2]).toMatchObject({ document: { kind: 'file', path: rel('tools/forecast.openapi.json') }, credentialProviderName: 'stateline-tool-forecast' });
    expect(d.aws.tools[4].credentialProviderName).toBeUndefined();
  });

  test('loadTopology resolves tool files from the config file, wherever the working directory is', () => {
    const dir = writeFiles({ 'conf/stateline.config.json': withTools([lambdaTool({ toolSchema: 'weather.tools.json' })]), 'conf/weather.tools.json': TOOL_SCHEMA });
    const loaded = loadTopology(path.join(dir, 'conf', 'stateline.config.json'));
    expect(loaded.aws.agents[0].tools.map((x) => x.toolDefinitions?.[0].name)).toEqual(['get_order', 'get_weather']);
  });

  test('S3 documents are taken as references (not readable offline)', () => {
    const r = validateTopology(withTools([{ name: 'forecast', openapi: { schema: 's3://acme-schemas/forecast.yaml', bucketOwnerAccountId: '123456789012', auth: { oauth2: OAUTH } } }]));
    expect(r.problems).toEqual([]);
    if (r.ok) expect(derive(r.topology).aws.tools[1].document).toEqual({ kind: 's3', uri: 's3://acme-schemas/forecast.yaml', bucket: 'acme-schemas', key: 'forecast.yaml' });
  });

  test('each agent with tools gets its own gateway name; agents without tools none', () => {
    const t = rawDefault();
    t.aws.agents.push({ name: 'billing__agent_', image: '123456789012.dkr.ecr.eu-central-1.amazonaws.com/b:1', tools: ['order-lookup'] });
    t.aws.agents.push({ name: 'quiet', image: '123456789012.dkr.ecr.eu-central-1.amazonaws.com/q:1' });
    const r = validateTopology(t);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const agents = derive(r.topology).aws.agents;
    expect(agents.map((a) => a.toolGatewayName)).toEqual(['stateline-support-agent-tools', 'stateline-billing-agent-tools', undefined]);
    for (const name of agents.map((a) => a.toolGatewayName).filter(Boolean) as string[]) expect(name).toMatch(/^([0-9a-zA-Z][-]?){1,48}$/);
    expect(agents[2].tools).toEqual([]);
  });

  test('gateway names are lowercase (gateway ids are), and agents that would share one are refused', () => {
    const t = rawDefault();
    t.aws.agents.push({ name: 'BillingAgent', image: '123456789012.dkr.ecr.eu-central-1.amazonaws.com/b:1', tools: ['order-lookup'] });
    const r = validateTopology(t);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(derive(r.topology).aws.agents.map((a) => a.toolGatewayName)).toEqual(['stateline-support-agent-tools', 'stateline-billingagent-tools']);
    t.aws.agents.push({ name: 'billingagent', image: '123456789012.dkr.ecr.eu-central-1.amazonaws.com/b:1', tools: ['order-lookup'] });
    t.aws.agents.push({ name: 'billingAgent_quiet', image: '123456789012.dkr.ecr.eu-central-1.amazonaws.com/q:1' });
    const ps = problemsOf(t);
    expectProblem(ps, 'aws.agents[2].name', 'gives the tool gateway name "stateline-billingagent-tools" that aws.agents[1] already has');
    expect(ps.map((p) => p.path)).toEqual(['aws.agents[2].name']);
  });
});

describe('invalid tools are refused with their field paths', () => {
  test('a tool needs exactly one kind', () => {
    const ps = problemsOf(withTools([{ name: 'none' }, { ...lambdaTool(), name: 'both', mcp: { endpoint: 'https://m.example/mcp', auth: { oauth2: OAUTH } } }]));
    expectProblem(ps, 'aws.tools[1]', 'needs exactly one kind: lambda, openapi, mcp, smithy', { name: 'none' });
    expectProblem(ps, 'aws.tools[2]', 'sets lambda and mcp; a tool has exactly one kind');
  });

  test('names: the pattern, and unique without case', () => {
    const ps = problemsOf(withTools([{ ...lambdaTool(), name: 'bad_name' }, { ...lambdaTool(), name: 'Order-Lookup' }]));
    expectProblem(ps, 'aws.tools[1].name', 'letters, digits and single hyphens', 'bad_name');
    expectProblem(ps, 'aws.tools[2].name', 'duplicates aws.tools[0].name', 'Order-Lookup');
  });

  test('Lambda: ARN format, and the function in the agents\' region and account', () => {
    const bad = problemsOf(withTools([lambdaTool({ functionArn: 'arn:aws:lambda:eu-central-1:123456789012:weather' })]));
    expectProblem(bad, 'aws.tools[1].lambda.functionArn', 'must be a Lambda function ARN', 'arn:aws:lambda:eu-central-1:123456789012:weather');
    const elsewhere = problemsOf(withTools([lambdaTool({ functionArn: 'arn:aws:lambda:us-east-1:999988887777:function:weather' })], (t) => { t.aws.account = '123456789012'; }));
    expectProblem(elsewhere, 'aws.tools[1].lambda.functionArn', /is in us-east-1; the function must be in the agents' region eu-central-1 \(aws.region\): the gateway invokes Lambda targets in its own region/);
    expectProblem(elsewhere, 'aws.tools[1].lambda.functionArn', /is in account 999988887777, not the agents' account 123456789012 \(aws.account\)/);
    // The default example function is in account 123456789012: a different aws.account refuses it too.
    const other = rawDefault();
    other.aws.account = '210987654321';
    expectProblem(problemsOf(other), 'aws.tools[0].lambda.functionArn', /is in account 123456789012, not the agents' account 210987654321/);
  });

  test('Lambda tool schema: inline shape, and a file that must exist, parse as JSON and hold tool definitions', () => {
    const inline = problemsOf(withTools([lambdaTool({ toolSchema: [{ name: 'x', inputSchema: { type: 'text' } }] })]));
    expectProblem(inline, 'aws.tools[1].lambda.toolSchema', /./);
    const dir = writeFiles({ 'broken.json': '{ "name": ', 'shape.json': [{ name: 'x', description: 'd', inputSchema: { type: 'text' } }] });
    const files = problemsOf(withTools([
      lambdaTool({ toolSchema: 'missing.json' }),
      { ...lambdaTool({ toolSchema: 'broken.json' }), name: 'broken' },
      { ...lambdaTool({ toolSchema: 'shape.json' }), name: 'shape' },
    ]), dir);
    expectProblem(files, 'aws.tools[1].lambda.toolSchema', 'file "', 'missing.json');
    expectProblem(files, 'aws.tools[1].lambda.toolSchema', /missing.json" not found \(paths are relative to the config file's directory\)/);
    expectProblem(files, 'aws.tools[2].lambda.toolSchema', /broken.json" is not valid JSON/);
    expectProblem(files, 'aws.tools[3].lambda.toolSchema', /shape.json" at \[0\]\.inputSchema\.type: .*an MCP tool definition is/);
  });

  test('OpenAPI: document file checks (version, https server, operationIds), S3 URI form, exactly one auth', () => {
    const dir = writeFiles({
      'swagger.json': { swagger: '2.0', paths: {} },
      'plain.yaml': 'openapi: 3.1.0\nservers:\n  - url: http://api.example.com\npaths:\n  /a:\n    get: { responses: {} }\n    post: { operationId: same }\n  /b:\n    put: { operationId: same }\n',
      'host.json': { ...OPENAPI, servers: [{ url: 'https://{tenant}.example.com' }] },
      'bad.yaml': 'openapi: [unclosed',
    });
    const ps = problemsOf(withTools([
      { name: 'swagger', openapi: { schema: 'swagger.json', auth: { apiKey: { secretArn: SECRET } } } },
      { name: 'plain', openapi: { schema: 'plain.yaml', auth: {} } },
      { name: 'host', openapi: { schema: 'host.json', auth: { apiKey: { secretArn: SECRET }, oauth2: OAUTH } } },
      { name: 'bad', openapi: { schema: 'bad.yaml', auth: { apiKey: { secretArn: SECRET } } } },
      { name: 's3', openapi: { schema: 's3://Bad_Bucket/x.yaml', auth: { apiKey: { secretArn: SECRET } } } },
    ]), dir);
    expectProblem(ps, 'aws.tools[1].openapi.schema', /swagger.json" is Swagger 2.0; AgentCore Gateway accepts OpenAPI 3.0 and 3.1/);
    expectProblem(ps, 'aws.tools[1].openapi.schema', /has no servers\[\]\.url/);
    expectProblem(ps, 'aws.tools[2].openapi.schema', /servers\[0\]\.url "http:\/\/api.example.com" must be an https:\/\/ URL/);
    expectProblem(ps, 'aws.tools[2].openapi.schema', /GET \/a has no operationId \(AgentCore uses it as the tool name\)/);
    expectProblem(ps, 'aws.tools[2].openapi.schema', /operationId "same" is used by POST \/a and PUT \/b/);
    expectProblem(ps, 'aws.tools[2].openapi.auth', 'needs apiKey or oauth2');
    expectProblem(ps, 'aws.tools[3].openapi.schema', /has a variable in its host/);
    expectProblem(ps, 'aws.tools[3].openapi.auth', 'sets both apiKey and oauth2');
    expectProblem(ps, 'aws.tools[4].openapi.schema', /bad.yaml" is not valid YAML or JSON/);
    expectProblem(ps, 'aws.tools[5].openapi.schema', 'is not a valid S3 URI', 's3://Bad_Bucket/x.yaml');
  });

  test('secrets: ARN format, in the agents\' region (and account), KMS key too', () => {
    const ps = problemsOf(withTools([
      { name: 'a', openapi: { schema: 's3://b-1/x.json', auth: { apiKey: { secretArn: 'my-secret' } } } },
      { name: 'b', openapi: { schema: 's3://b-1/x.json', auth: { apiKey: { secretArn: 'arn:aws:secretsmanager:us-west-2:123456789012:secret:k-AbCdEf', kmsKeyArn: 'arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' } } } },
    ]));
    expectProblem(ps, 'aws.tools[1].openapi.auth.apiKey.secretArn', 'complete ARN of a Secrets Manager secret', 'my-secret');
    expectProblem(ps, 'aws.tools[2].openapi.auth.apiKey.secretArn', /is in us-west-2; the secret must be in the agents' region eu-central-1/);
    expectProblem(ps, 'aws.tools[2].openapi.auth.apiKey.kmsKeyArn', /is in us-west-2; the key must be in the agents' region/);
  });

  test('MCP: an https endpoint, not a model runtime, and OAuth2 as discovery URL or full metadata', () => {
    const ps = problemsOf(withTools([
      { name: 'plain', mcp: { endpoint: 'http://mcp.example.com/mcp', auth: { oauth2: OAUTH } } },
      { name: 'model', mcp: { endpoint: 'https://bedrock-runtime.eu-central-1.amazonaws.com/model/x/invoke', auth: { oauth2: OAUTH } } },
      { name: 'noauth', mcp: { endpoint: 'https://mcp.example.com/mcp' } },
      { name: 'half', mcp: { endpoint: 'https://mcp.example.com/mcp', auth: { oauth2: { clientId: 'c', clientSecretArn: SECRET, issuer: 'https://id.example.com' } } } },
      { name: 'both', mcp: { endpoint: 'https://mcp.example.com/mcp', auth: { oauth2: { ...OAUTH, tokenEndpoint: 'https://id.example.com/token' } } } },
      { name: 'disco', mcp: { endpoint: 'https://mcp.example.com/mcp', auth: { oauth2: { ...OAUTH, discoveryUrl: 'https://id.example.com/config' } } } },
    ]));
    expectProblem(ps, 'aws.tools[1].mcp.endpoint', 'must be an https:// URL', 'http://mcp.example.com/mcp');
    expectProblem(ps, 'aws.tools[2].mcp.endpoint', 'is an AWS model runtime endpoint');
    expectProblem(ps, 'aws.tools[3].mcp.auth', 'is required');
    expectProblem(ps, 'aws.tools[4].mcp.auth.oauth2.authorizationEndpoint', 'is required without discoveryUrl');
    expectProblem(ps, 'aws.tools[4].mcp.auth.oauth2.tokenEndpoint', 'is required without discoveryUrl');
    expectProblem(ps, 'aws.tools[5].mcp.auth.oauth2', 'sets discoveryUrl and tokenEndpoint');
    expectProblem(ps, 'aws.tools[6].mcp.auth.oauth2.discoveryUrl', 'must end with /.well-known/openid-configuration');
  });

  test('Smithy: exact actions on ARNs, never a model service, matching the modelled service; the model file must be Smithy JSON AST', () => {
    const runtimeModel = { smithy: '2.0', shapes: { 'com.amazonaws.bedrockruntime#AmazonBedrockFrontendService': { type: 'service', traits: { 'aws.api#service': { sdkId: 'Bedrock Runtime', arnNamespace: 'bedrock', endpointPrefix: 'bedrock-runtime' } } } } };
    const dir = writeFiles({ 'ddb.json': SMITHY, 'runtime.json': runtimeModel, 'idl.smithy': 'namespace example', 'noservice.json': { smithy: '2.0', shapes: {} } });
    const allow = (actions: string[], resources = ['arn:aws:dynamodb:eu-central-1:123456789012:table/orders']) => [{ actions, resources }];
    const ps = problemsOf(withTools([
      { name: 'wild', smithy: { model: 'ddb.json', allow: allow(['dynamodb:*'], ['*']) } },
      { name: 'other', smithy: { model: 'ddb.json', allow: allow(['s3:GetObject']) } },
      { name: 'llm', smithy: { model: 'runtime.json', allow: allow(['bedrock:InvokeModel'], ['arn:aws:bedrock:eu-central-1::foundation-model/x']) } },
      { name: 'idl', smithy: { model: 'idl.smithy', allow: allow(['dynamodb:GetItem']) } },
      { name: 'noservice', smithy: { model: 'noservice.json', allow: allow(['dynamodb:GetItem']) } },
      { name: 'empty', smithy: { model: 'ddb.json', allow: [] } },
    ]), dir);
    expectProblem(ps, 'aws.tools[1].smithy.allow[0].actions[0]', 'no wildcards', 'dynamodb:*');
    expectProblem(ps, 'aws.tools[1].smithy.allow[0].resources[0]', 'must be a resource ARN', '*');
    expectProblem(ps, 'aws.tools[2].smithy.allow[0].actions[0]', /is not an action of the modelled service DynamoDB \(its IAM prefix is "dynamodb"\)/);
    expectProblem(ps, 'aws.tools[3].smithy.model', /models Bedrock Runtime, a model runtime: a tool calling it would run inference on AWS/);
    expectProblem(ps, 'aws.tools[3].smithy.allow[0].actions[0]', /is an action of bedrock, an AWS model service: tools may not call it/);
    expectProblem(ps, 'aws.tools[4].smithy.model', /is not valid JSON: .*JSON AST/);
    expectProblem(ps, 'aws.tools[5].smithy.model', /has no service shape/);
    expectProblem(ps, 'aws.tools[6].smithy.allow', 'at least one');
  });

  test('agents name known tools once; every tool is used by an agent', () => {
    const t = withTools([lambdaTool()], (x) => {
      x.aws.agents[0].tools.push('wether', 'weather');
      x.aws.tools.push({ ...lambdaTool(), name: 'unused' });
    });
    const ps = problemsOf(t);
    expectProblem(ps, 'aws.agents[0].tools[2]', 'is not a tool of this topology (did you mean "weather"?); declared in aws.tools: order-lookup, weather, unused', 'wether');
    expectProblem(ps, 'aws.agents[0].tools[3]', 'is listed twice');
    expectProblem(ps, 'aws.tools[2].name', 'is not used by any agent', 'unused');
  });

  test('unknown fields get a "did you mean"', () => {
    expectProblem(problemsOf(withTools([{ name: 'x', lambda: { functionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:x', toolSchema: TOOL_SCHEMA }, lamda: {} }])), 'aws.tools[1].lamda', 'did you mean "lambda"');
  });

  test('every problem at once, as one user error naming each path', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'x.json'), '[]');
    const raw = withTools([lambdaTool({ toolSchema: 'x.json' }), { name: 'm', mcp: { endpoint: 'ftp://x' } }]);
    let message = '';
    try {
      topologyFromRaw(raw, 'stateline.config.json', dir);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^stateline.config.json: 3 problems in the topology:/);
    expect(message).toMatch(/- aws\.tools\[1\]\.lambda\.toolSchema: file ".*x\.json": a Lambda tool exposes at least one tool definition/);
    expect(message).toMatch(/- aws\.tools\[2\]\.mcp\.endpoint: must be an https:\/\/ URL .*\(got "ftp:\/\/x"\)/);
    expect(message).toMatch(/- aws\.tools\[2\]\.mcp\.auth: is required/);
  });
});
