/**
 * placement/model-invocation-outside-azure: grants as IAM evaluates them (wildcards, NotAction,
 * Deny, managed policies), in CloudFormation JSON/YAML and Terraform JSON/HCL.
 */
import { grantedInvocations } from '../../../lib/policy/detect/iam';
import { runCheck } from '../../../lib/policy';
import { byRule, cfn, checkOne, flagged, tf, writeFiles } from '../helpers';

const RULE = 'placement/model-invocation-outside-azure';
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const policy = (document: unknown) => ({ Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', PolicyDocument: document } });

describe('grantedInvocations (IAM action matching)', () => {
  it.each([
    ['exact action', { Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' }, 'bedrock:InvokeModel'],
    ['case-insensitive action', { Effect: 'Allow', Action: 'BEDROCK:invokemodel', Resource: '*' }, 'bedrock:InvokeModel'],
    ['full wildcard', { Effect: 'Allow', Action: '*', Resource: '*' }, 'sagemaker:InvokeEndpoint'],
    ['service wildcard', { Effect: 'Allow', Action: ['s3:GetObject', 'bedrock:*'], Resource: '*' }, 'bedrock:InvokeAgent'],
    ['prefix wildcard', { Effect: 'Allow', Action: ['sagemaker:Invoke*'], Resource: '*' }, 'sagemaker:InvokeEndpointAsync'],
    ['wildcard across the colon', { Effect: 'Allow', Action: 'bed*:*', Resource: '*' }, 'bedrock-mantle:CreateInference'],
    ['? wildcard', { Effect: 'Allow', Action: 'bedrock:Invoke?odel', Resource: '*' }, 'bedrock:InvokeModel'],
    ['NotAction with Allow', { Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' }, 'bedrock:Rerank'],
  ])('%s grants', (_name, statement, action) => {
    expect(grantedInvocations(doc(statement)).map((g) => g.action)).toContain(action);
  });

  it.each([
    ['a Deny statement', { Effect: 'Deny', Action: 'bedrock:*', Resource: '*' }],
    ['unrelated actions', { Effect: 'Allow', Action: ['s3:GetObject', 'bedrock-agentcore:InvokeAgentRuntime', 'bedrock:GetFoundationModel'], Resource: '*' }],
    ['NotAction excluding every model action', { Effect: 'Allow', NotAction: ['bedrock:*', 'bedrock-mantle:*', 'sagemaker:*'], Resource: '*' }],
  ])('%s does not grant', (_name, statement) => {
    expect(grantedInvocations(doc(statement))).toEqual([]);
  });

  it('reads a single Statement object, JSON strings and jsonencode text', () => {
    expect(grantedInvocations({ Statement: { Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' } })).toHaveLength(1);
    expect(grantedInvocations(JSON.stringify(doc({ Effect: 'Allow', Action: 'sagemaker:InvokeEndpoint', Resource: '*' })))).toHaveLength(1);
    expect(grantedInvocations('${jsonencode({ Statement = [{ Effect = "Allow", Action = "bedrock:InvokeModel", Resource = "*" }] })}')).toHaveLength(1);
    expect(grantedInvocations('${data.aws_iam_policy_document.x.json}')).toEqual([]);
  });
});

describe(RULE, () => {
  it('flags inline grants, wildcards, NotAction and managed policies in CloudFormation JSON; Deny never counts', async () => {
    const joinArn = (name: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::aws:policy/${name}`]] });
    const report = await checkOne(
      'cfn-json',
      cfn({
        Exact: policy(doc({ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' })),
        Wildcard: policy(doc({ Effect: 'Allow', Action: ['bedrock:*'], Resource: '*' })),
        Star: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) } },
        NotAction: policy(doc({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' })),
        DenyOnly: policy(doc({ Effect: 'Deny', Action: 'bedrock:*', Resource: '*' })),
        Safe: policy(doc({ Effect: 'Allow', Action: ['bedrock-agentcore:InvokeAgentRuntime', 'dynamodb:GetItem'], Resource: '*' })),
        RoleInline: {
          Type: 'AWS::IAM::Role',
          Properties: { AssumeRolePolicyDocument: doc(), Policies: [{ PolicyName: 'inline', PolicyDocument: doc({ Effect: 'Allow', Action: 'sagemaker:InvokeEndpoint', Resource: '*' }) }] },
        },
        RoleManaged: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: doc(), ManagedPolicyArns: [joinArn('AmazonBedrockFullAccess')] } },
        RoleAdmin: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: doc(), ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] } },
        RoleReadOnly: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: doc(), ManagedPolicyArns: [joinArn('ReadOnlyAccess'), 'arn:aws:iam::123456789012:policy/AmazonBedrockFullAccess'] } },
      }),
    );
    expect(flagged(report, RULE).sort()).toEqual(['Exact', 'NotAction', 'RoleAdmin', 'RoleInline', 'RoleManaged', 'Star', 'Wildcard']);
    const msg = (id: string) => byRule(report, RULE).find((f) => f.resource === id)?.message;
    expect(msg('Wildcard')).toMatch(/bedrock:InvokeModel \(via "bedrock:\*"\)/);
    expect(msg('NotAction')).toMatch(/via "NotAction \[s3:\*\]"/);
    expect(msg('RoleManaged')).toMatch(/AWS managed policy AmazonBedrockFullAccess/);
    expect(msg('RoleInline')).toMatch(/policy "inline" allows sagemaker:InvokeEndpoint/);
  });

  it('reads YAML policies with short-form intrinsics and Fn::If branches', async () => {
    const report = await checkOne('cfn-yaml', `
Resources:
  Conditional:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: p
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: !If [UseModel, "bedrock:InvokeModelWithResponseStream", !Ref AWS::NoValue]
            Resource: "*"
  ManagedSub:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - !Sub "arn:\${AWS::Partition}:iam::aws:policy/AmazonSageMakerFullAccess"
  Denied:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: d
      PolicyDocument:
        Statement:
          - Effect: Deny
            Action: "bedrock:*"
            Resource: "*"
`);
    expect(flagged(report, RULE).sort()).toEqual(['Conditional', 'ManagedSub']);
  });

  it('flags Terraform JSON policies given as JSON strings, attachments and policy documents', async () => {
    const report = await checkOne(
      'tf-json',
      tf(
        {
          aws_iam_policy: {
            invoke: { policy: JSON.stringify(doc({ Effect: 'Allow', Action: ['bedrock:InvokeModel'], Resource: '*' })) },
            deny: { policy: JSON.stringify(doc({ Effect: 'Deny', Action: ['bedrock:InvokeModel'], Resource: '*' })) },
            ref: { policy: '${data.aws_iam_policy_document.state.json}' },
          },
          aws_iam_role_policy_attachment: {
            bedrock: { role: 'r', policy_arn: 'arn:aws:iam::aws:policy/AmazonBedrockFullAccess' },
            lookup: { role: 'r', policy_arn: '${data.aws_iam_policy.power.arn}' },
            logs: { role: 'r', policy_arn: 'arn:aws:iam::aws:policy/CloudWatchLogsFullAccess' },
          },
          aws_iam_role: { managed: { assume_role_policy: '{}', managed_policy_arns: ['arn:aws:iam::aws:policy/PowerUserAccess'] } },
          azurerm_role_assignment: { owner: { role_definition_name: 'Owner' } },
        },
        {
          aws_iam_policy_document: {
            state: { statement: [{ actions: ['dynamodb:GetItem'], resources: ['*'] }] },
            models: { statement: [{ actions: ['sagemaker:Invoke*'], resources: ['*'] }] },
          },
          aws_iam_policy: { power: { name: 'PowerUserAccess' } },
        },
      ),
    );
    expect(flagged(report, RULE).sort()).toEqual([
      'aws_iam_policy.invoke', 'aws_iam_role.managed', 'aws_iam_role_policy_attachment.bedrock', 'aws_iam_role_policy_attachment.lookup',
      'data.aws_iam_policy_document.models',
    ]);
    expect(byRule(report, RULE).find((f) => f.resource === 'aws_iam_role_policy_attachment.lookup')?.message).toMatch(/PowerUserAccess \(via data\.aws_iam_policy\.power\)/);
  });

  it('flags Terraform HCL jsonencode policies, inline_policy blocks and data sources; Deny statements do not count', async () => {
    const report = await checkOne('tf-hcl', `
      resource "aws_iam_role" "agent" {
        name = "agent"
        assume_role_policy = data.aws_iam_policy_document.assume.json
        inline_policy {
          name = "models"
          policy = jsonencode({
            Version = "2012-10-17"
            Statement = [
              { Effect = "Allow", Action = ["bedrock:Invoke*"], Resource = "*" },
            ]
          })
        }
      }
      resource "aws_iam_role_policy" "guard" {
        role = aws_iam_role.agent.id
        policy = jsonencode({
          Statement = [{ Effect = "Deny", Action = "bedrock:*", Resource = "*" }]
        })
      }
      data "aws_iam_policy_document" "assume" {
        statement {
          actions = ["sts:AssumeRole"]
          principals {
            type = "Service"
            identifiers = ["bedrock-agentcore.amazonaws.com"]
          }
        }
      }
      data "aws_iam_policy_document" "notaction" {
        statement {
          effect = "Allow"
          not_actions = ["s3:*"]
          resources = ["*"]
        }
      }
      resource "google_project_iam_member" "vertex" {
        project = "p"
        role = "roles/aiplatform.user"
        member = "serviceAccount:x@p.iam.gserviceaccount.com"
      }
      resource "google_project_iam_member" "logs" {
        project = "p"
        role = "roles/logging.logWriter"
        member = "serviceAccount:x@p.iam.gserviceaccount.com"
      }
    `);
    expect(flagged(report, RULE).sort()).toEqual(['aws_iam_role.agent', 'data.aws_iam_policy_document.notaction', 'google_project_iam_member.vertex']);
  });
});

describe(`${RULE}: NotAction with Allow in every policy source`, () => {
  const notAction = (list: string[] | string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: list, Resource: '*' }] });
  const COVERS_ALL = ['bedrock:*', 'bedrock-mantle:*', 'sagemaker:*'];

  it('CloudFormation: Role inline policies, managed policies, user/group policies, SSO inline policies (JSON string)', async () => {
    const report = await checkOne(
      'cfn-json',
      cfn({
        RoleInline: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: doc(), Policies: [{ PolicyName: 'all-but-iam', PolicyDocument: notAction(['iam:*']) }] } },
        Managed: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: notAction('iam:*') } },
        UserPolicy: { Type: 'AWS::IAM::UserPolicy', Properties: { PolicyName: 'u', UserName: 'u', PolicyDocument: notAction(['bedrock:*']) } },
        Sso: { Type: 'AWS::SSO::PermissionSet', Properties: { Name: 'ps', InstanceArn: 'arn:aws:sso:::instance/x', InlinePolicy: JSON.stringify(notAction(['iam:*', 'organizations:*'])) } },
        Covered: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: doc(), Policies: [{ PolicyName: 'p', PolicyDocument: notAction(COVERS_ALL) }] } },
        DenyNot: policy({ Statement: [{ Effect: 'Deny', NotAction: 'iam:*', Resource: '*' }] }),
      }),
    );
    expect(flagged(report, RULE).sort()).toEqual(['Managed', 'RoleInline', 'Sso', 'UserPolicy']);
    expect(byRule(report, RULE).find((f) => f.resource === 'UserPolicy')?.message).toMatch(/bedrock-mantle:CreateInference \(via "NotAction \[bedrock:\*\]"\)/);
  });

  it('nested stacks: a CDK nested stack asset and a local TemplateURL (YAML) of a lone template', async () => {
    const dir = writeFiles({
      'cdk.out/manifest.json': { artifacts: { S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' } } } },
      'cdk.out/S.template.json': cfn({ Nested: { Type: 'AWS::CloudFormation::Stack', Metadata: { 'aws:asset:path': 'SNested.nested.template.json' } } }),
      'cdk.out/SNested.nested.template.json': cfn({ Broad: policy(notAction(['iam:*'])), Narrow: policy(notAction(COVERS_ALL)) }),
      'sam/parent.yaml': 'Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./child.yaml\n  Remote:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: https://s3.amazonaws.com/b/child.yaml\n',
      'sam/child.yaml': 'Resources:\n  ChildPolicy:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: c\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            NotAction: s3:*\n            Resource: "*"\n',
    });
    const { report } = await runCheck({ cdkOut: ['cdk.out'], templates: ['sam/parent.yaml'], cwd: dir });
    expect(byRule(report, RULE).map((f) => `${f.stack}:${f.resource}:${f.source}`).sort()).toEqual([
      'S/Nested:Broad:cdk.out/SNested.nested.template.json',
      'parent/Child:ChildPolicy:sam/child.yaml',
    ]);
  });

  it('Terraform: awscc roles (JSON), HCL inline_policy jsonencode, dynamic statements and SSO inline policies', async () => {
    const json = await checkOne(
      'tf-json',
      tf({
        awscc_iam_role: {
          broad: { assume_role_policy_document: '{}', policies: [{ policy_name: 'p', policy_document: JSON.stringify(notAction(['iam:*'])) }] },
          narrow: { assume_role_policy_document: '{}', policies: [{ policy_name: 'p', policy_document: JSON.stringify(notAction(COVERS_ALL)) }] },
        },
        aws_ssoadmin_permission_set_inline_policy: { ps: { inline_policy: JSON.stringify(notAction('iam:*')) } },
      }),
    );
    expect(flagged(json, RULE).sort()).toEqual(['aws_ssoadmin_permission_set_inline_policy.ps', 'awscc_iam_role.broad']);

    const hcl = await checkOne('tf-hcl', `
      resource "aws_iam_role" "agent" {
        name = "agent"
        assume_role_policy = "{}"
        inline_policy {
          name = "everything-but-iam"
          policy = jsonencode({ Statement = [{ Effect = "Allow", NotAction = ["iam:*"], Resource = "*" }] })
        }
      }
      data "aws_iam_policy_document" "dyn" {
        dynamic "statement" {
          for_each = ["x"]
          content {
            not_actions = ["s3:*"]
            resources   = ["*"]
          }
        }
      }
      data "aws_iam_policy_document" "covered" {
        statement {
          not_actions = ["bedrock:*", "bedrock-mantle:*", "sagemaker:*"]
          resources   = ["*"]
        }
      }
    `);
    expect(flagged(hcl, RULE).sort()).toEqual(['aws_iam_role.agent', 'data.aws_iam_policy_document.dyn']);
  });
});

describe('grantedInvocations: NotAction under Fn::If', () => {
  it('excludes only what every branch excludes', () => {
    const all = ['bedrock:*', 'bedrock-mantle:*', 'sagemaker:*'];
    const st = (NotAction: unknown) => doc({ Effect: 'Allow', NotAction, Resource: '*' });
    expect(grantedInvocations(st({ 'Fn::If': ['Strict', all, ['iam:*']] })).length).toBeGreaterThan(0);
    expect(grantedInvocations(st({ 'Fn::If': ['Strict', all, [...all, 'iam:*']] }))).toEqual([]);
    expect(grantedInvocations(st([{ Ref: 'ExcludedActions' }])).map((g) => g.action)).toContain('bedrock:InvokeModel');
  });
});
