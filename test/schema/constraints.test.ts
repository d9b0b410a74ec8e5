/**
 * CloudFormation string constraints (registry `pattern`, `minLength`, `maxLength`): how registry
 * patterns become JavaScript ones, what the committed data holds, and what schema/invalid-value
 * reports on real synthesized outputs (field, value and what is allowed), while references,
 * intrinsics and dynamic references in the same places are never checked.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Finding, runCheck } from '../../lib/policy';
import { cloudFormationSource, cloudFormationSpec } from '../../lib/schema/data';
import { jsPattern } from '../../scripts/provider-schemas/registry-patterns';
import { tempDir } from '../policy/helpers';
import { copyScenario } from '../scenarios';

const ROOT = path.join(__dirname, '..', '..');

describe('registry patterns as JavaScript (scripts/provider-schemas/registry-patterns.ts)', () => {
  test('\\A and \\Z/\\z become ^ and $ outside classes; the u flag when the pattern allows it', () => {
    expect(jsPattern('^[.\\-_/#A-Za-z0-9]{1,512}\\Z')).toEqual({ source: '^[.\\-_/#A-Za-z0-9]{1,512}$', flags: 'u' });
    expect(jsPattern('\\Aarn:aws:.*\\z')).toEqual({ source: '^arn:aws:.*$', flags: 'u' });
    expect(jsPattern('^[\\p{L}\\p{Z}]+$')).toEqual({ source: '^[\\p{L}\\p{Z}]+$', flags: 'u' });
  });

  test('needless punctuation escapes (legal in Java, not with the u flag) compile without it', () => {
    expect(jsPattern('^[a-zA-Z0-9\\-\\_\\.\\/\\:]+$')).toEqual({ source: '^[a-zA-Z0-9\\-\\_\\.\\/\\:]+$', flags: '' });
  });

  test('syntax JavaScript reads differently is dropped with the reason, never guessed', () => {
    expect(jsPattern('(?s).*')).toEqual({ dropped: expect.stringContaining('does not compile in JavaScript') });
    expect(jsPattern('^[a-zA-Z0-9-]+{1,255}$')).toEqual({ dropped: expect.stringContaining('Nothing to repeat') });
    expect(jsPattern('[\\p{Graph}\\x20]*')).toEqual({ dropped: 'uses \\p, which JavaScript reads differently' });
    expect(jsPattern('^([$\\x{60}\\w])+$')).toEqual({ dropped: 'uses \\x, which JavaScript reads differently' });
    expect(jsPattern('^[A-Z][[A-Z]_]*$')).toEqual({ dropped: expect.stringContaining('nests a character class') });
    expect(jsPattern('^[a-z&&b]+$')).toEqual({ dropped: expect.stringContaining('intersects character classes') });
    expect(jsPattern('^a{,5}$')).toEqual({ dropped: expect.stringContaining('{,n}') });
    expect(jsPattern('^\\h+$')).toEqual({ dropped: 'uses \\h, which JavaScript reads differently' });
  });
});

describe('the committed data', () => {
  test('records where the constraints come from: the installed, pinned @awboost/cfn-resource-types', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', '@awboost', 'cfn-resource-types', 'package.json'), 'utf8'));
    expect(cloudFormationSource().constraints).toBe(`@awboost/cfn-resource-types@${pkg.version}`);
    expect(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).devDependencies['@awboost/cfn-resource-types']).toBe(pkg.version);
  });

  test('registry facts: pattern and lengths of a property, translated patterns keep the original, property types too', () => {
    // AWS::Logs::LogGroup.LogGroupName: "minLength": 1, "maxLength": 512, "pattern": "^[.\\-_/#A-Za-z0-9]{1,512}\\Z".
    expect(cloudFormationSpec('AWS::Logs::LogGroup')?.p.LogGroupName).toEqual(['s', null, { p: '^[.\\-_/#A-Za-z0-9]{1,512}$', o: '^[.\\-_/#A-Za-z0-9]{1,512}\\Z', n: 1, x: 512 }]);
    expect(cloudFormationSpec('AWS::BedrockAgentCore::Memory')?.p.Name).toEqual(['s!', null, { p: '^[a-zA-Z][a-zA-Z0-9_]{0,47}$' }]);
    expect(cloudFormationSpec('AWS::Lambda::Function')?.p.Handler).toEqual(['s', null, { p: '^[^\\s]+$', x: 128 }]);
    const container = cloudFormationSpec('AWS::BedrockAgentCore::Runtime')?.d?.ContainerConfiguration.ContainerUri;
    expect(container).toEqual(['s!', null, expect.objectContaining({ n: 1, x: 1024 })]);
    // A list's minItems/maxItems are not string lengths: Architectures (1 item) stays a plain list of strings.
    expect(cloudFormationSpec('AWS::Lambda::Function')?.p.Architectures).toBe('[s');
  });
});

describe('schema/invalid-value on real outputs (the default topology)', () => {
  const STACK = 'stateline-aws-agents-eu-central-1';
  const MEMORY = 'AgentssupportagentMemoryMemoryB20E7933';
  const RUNTIME = 'AgentssupportagentRuntime9451856F';
  const LOGS = 'LinkTunnelLogsED111F80';

  /** Edits the agents stack of a copy of the default outputs and returns the schema findings. */
  async function checkEdited(edit: (resources: Record<string, { Properties: any }>) => void): Promise<Array<Pick<Finding, 'rule' | 'resource' | 'message'>>> {
    const dir = copyScenario('default', path.join(tempDir(), 'out'));
    const file = path.join(dir, 'cdk.out', `${STACK}.template.json`);
    const template = JSON.parse(fs.readFileSync(file, 'utf8'));
    edit(template.Resources);
    fs.writeFileSync(file, JSON.stringify(template));
    const { report } = await runCheck({ cwd: dir, cdkOut: ['cdk.out'], cdktfOut: ['cdktf.out'] });
    return report.findings.filter((f) => f.rule.startsWith('schema/')).map((f) => ({ rule: f.rule, resource: f.resource, message: f.message }));
  }

  test('a pattern, a length and a nested pattern each reported with the field, the value and what is allowed', async () => {
    const findings = await checkEdited((r) => {
      r[MEMORY].Properties.Name = 'stateline-support-agent-memory';
      r[RUNTIME].Properties.Description = 'x'.repeat(1201);
      r[RUNTIME].Properties.AgentRuntimeArtifact.ContainerConfiguration.ContainerUri = 'docker.io/library/agent:1';
      r[LOGS].Properties.LogGroupName = '/stateline/tunnel logs';
    });
    // The registry's own pattern text (\\Z) is what the message shows; long values are cut at 60 characters.
    expect(findings).toEqual([
      { rule: 'schema/invalid-value', resource: MEMORY, message: `${MEMORY}: Name is "stateline-support-agent-memory", not a string matching ^[a-zA-Z][a-zA-Z0-9_]{0,47}$` },
      {
        rule: 'schema/invalid-value',
        resource: RUNTIME,
        message:
          `${RUNTIME}: AgentRuntimeArtifact.ContainerConfiguration.ContainerUri is "docker.io/library/agent:1", not a string of 1 to 1024 characters matching ` +
          '^\\d{12}\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com/((?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*)([:@]\\S+)$; ' +
          `Description is "${'x'.repeat(56)}... (1201 characters), not a string of 1 to 1200 characters`,
      },
      {
        rule: 'schema/invalid-value',
        resource: LOGS,
        message: `${LOGS}: LogGroupName is "/stateline/tunnel logs", not a string of 1 to 512 characters matching ^[.\\-_/#A-Za-z0-9]{1,512}\\Z`,
      },
    ]);
  });

  test('references, intrinsics, dynamic references and ${...} strings in the same places are not checked', async () => {
    const findings = await checkEdited((r) => {
      r[MEMORY].Properties.Name = { Ref: 'MemoryName' };
      r[RUNTIME].Properties.Description = '{{resolve:ssm:/stateline/description}}';
      r[RUNTIME].Properties.AgentRuntimeArtifact.ContainerConfiguration.ContainerUri = { 'Fn::Sub': '${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/agent:1' };
      r[LOGS].Properties.LogGroupName = { 'Fn::Join': ['', ['/stateline/', { Ref: 'AWS::StackName' }]] };
    });
    expect(findings).toEqual([]);
  });

  test('a value ending in a line break is not tried against a pattern (Java\'s $ would match before it)', async () => {
    expect(await checkEdited((r) => { r[MEMORY].Properties.Name = 'stateline_memory\n'; })).toEqual([]);
  });
});
