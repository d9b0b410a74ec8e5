/**
 * Deploy preflight: what would make `stateline deploy` fail or ship broken, found in seconds
 * and all at once, before any command that changes a cloud runs.
 *
 * Checks over the derived topology and an injected view of the environment:
 * - agent images: not the example placeholders, in the deployment account (or cross-account
 *   pulls acknowledged), and present in ECR (network);
 * - tools: `cdk` and `cdktf` installed in the project (`npx` runs them and is never allowed to
 *   download a package), a `cdktf.json` for cdktf, `terraform` (cdktf runs it), `aws` (reads the
 *   VPN keys, previews destroys), `az` when Azure credentials come from the Azure CLI;
 * - tool functions and secrets (`aws.tools[]`): in the deployment account, not in an AWS
 *   documentation example account (the gateway role reaches them by identity policy only);
 * - the target: the AWS account and region and the Azure subscription and tenant the deploy
 *   will use, resolved from the credentials and printed; a difference from `aws.account`,
 *   `azure.subscriptionId` or `azure.tenantId` stops the deploy (network: `sts
 *   get-caller-identity`, `az account show --subscription`; CDK bootstrap of the account and
 *   region, version 6 or later);
 * - model versions on the `asOf` day (retired: error; retiring or deprecated: warning);
 * - local Terraform state (no `azure.state`): a warning, since it will hold secrets.
 * `destroy` runs the tool, credential and target checks and needs the synthesized outputs.
 * Checks that need the network run only when `network` is given (not with `--dry-run`).
 * One-time steps a deployer must take outside stateline are listed as such.
 *
 * Pure: the environment comes through {@link EnvironmentProbe} and {@link NetworkProbe}, which
 * tests replace with stubs (`probes.ts` has the real ones).
 */
import type { Derived } from '../topology/derive';
import { dayOf } from '../topology/clock';
import { modelAvailabilityFindings } from '../topology/model-availability';
import { modelLifecycleFindings } from '../topology/model-lifecycle';
import { DEFAULT_TOPOLOGY } from '../topology/default';
import { keyVaultName } from '../azure/names';

/** What the local environment offers (no network). */
export interface EnvironmentProbe {
  /** Whether `name` can be run: on PATH, or for npm tools in the project's `node_modules/.bin`. */
  hasCommand(name: string): boolean;
  /** An environment variable. */
  env(name: string): string | undefined;
  /**
   * Whether an npm tool is installed where `npx` finds it without downloading anything (the
   * project's or an ancestor's `node_modules/.bin`). @default hasCommand
   */
  hasProjectTool?(name: string): boolean;
  /** Whether a file (relative to the project directory, or absolute) exists. Checks that need it are skipped without it. */
  fileExists?(file: string): boolean;
}

/** A failed remote call: what went wrong, in one line. */
export interface ProbeError { readonly error: string }

/** Read-only calls to the clouds (used only without `--dry-run`). */
export interface NetworkProbe {
  /** The AWS identity the deploy will use. */
  awsIdentity(region: string): Promise<{ readonly account: string; readonly arn: string } | ProbeError>;
  /** Version of the CDK bootstrap stack in the account and region, or null when not bootstrapped. */
  cdkBootstrapVersion(region: string): Promise<number | null | ProbeError>;
  /** Whether an ECR image (tag or digest) exists. */
  ecrImageExists(image: string): Promise<boolean | ProbeError>;
  /**
   * The Azure CLI's account for a subscription (its default one without `subscription`), only
   * asked when the Azure CLI provides the credentials.
   */
  azureCliAccount(subscription?: string): Promise<{ readonly subscriptionId: string; readonly tenantId?: string; readonly user: string } | ProbeError>;
}

export interface PreflightProblem {
  /** What the problem is about: a topology field path, a tool, a credential. */
  readonly subject: string;
  readonly message: string;
}

/** Where a deploy or destroy will act, as resolved from the topology, the environment and (online) the credentials. */
export interface DeployTarget {
  readonly awsRegion: string;
  readonly awsAccount?: string;
  /** Where the account comes from (`credentials arn:...`, `aws.account, not verified offline`). */
  readonly awsAccountSource: string;
  readonly azureSubscription?: string;
  readonly azureSubscriptionSource: string;
  readonly azureTenant?: string;
  readonly azureTenantSource: string;
}

export interface PreflightReport {
  readonly asOf: string;
  readonly action: 'deploy' | 'destroy';
  readonly target: DeployTarget;
  /** Whether checks that need the network ran. */
  readonly online: boolean;
  readonly errors: readonly PreflightProblem[];
  readonly warnings: readonly PreflightProblem[];
  /** Steps outside stateline a deployer must have taken once (per account, subscription or region). */
  readonly oneTimeSteps: readonly string[];
  /** Checks that passed, one line each. */
  readonly passed: readonly string[];
}

export interface PreflightOptions {
  /** The day model lifecycles are checked against. */
  readonly asOf: Date;
  readonly env: EnvironmentProbe;
  /** Remote checks; omitted with `--dry-run`. */
  readonly network?: NetworkProbe;
  /** The deployer confirmed that images in other accounts may be pulled (their repository policies allow it). */
  readonly allowCrossAccountImages?: boolean;
  /** What is about to run. @default 'deploy' */
  readonly action?: 'deploy' | 'destroy';
  /**
   * The output directory (cdk.out, cdktf.out, local Terraform state), as shown to the user:
   * named in the local-state warning; `destroy` needs the outputs in it. @default '.'
   */
  readonly outDir?: string;
}

/** The CLI versions stateline is built and tested with (package.json devDependencies; test/deploy/preflight.test.ts keeps them equal). */
export const NPM_TOOLS: Readonly<Record<'cdk' | 'cdktf', { readonly pkg: string; readonly version: string; readonly runs: string }>> = {
  cdk: { pkg: 'aws-cdk', version: '2.1148.1', runs: 'phase 2' },
  cdktf: { pkg: 'cdktf-cli', version: '0.21.0', runs: 'phases 1 and 3' },
};

/** The minimum CDK bootstrap stack version the synthesized template checks (aws-cdk-lib's default synthesizer). */
export const MIN_BOOTSTRAP_VERSION = 6;

/**
 * Account ids of AWS documentation examples: an image in one of them was never pushed by the
 * deployer. The embedded default and `examples/` use them on purpose.
 */
export const EXAMPLE_AWS_ACCOUNTS: readonly string[] = ['123456789012', '111122223333', '444455556666', '777788889999', '000000000000'];

/** The placeholder images stateline ships (embedded default, `examples/stateline.config.yaml`), rejected by name. */
export const EXAMPLE_IMAGES: readonly string[] = [
  ...DEFAULT_TOPOLOGY.aws.agents.map((a) => a.image),
  '111122223333.dkr.ecr.eu-west-1.amazonaws.com/claims-agent:2.3.1',
];

/** Credentials azurerm can use without the Azure CLI (a service principal, OIDC, managed identity). */
const AZURE_NON_CLI_AUTH: ReadonlyArray<readonly string[]> = [
  ['ARM_CLIENT_ID', 'ARM_CLIENT_SECRET'],
  ['ARM_CLIENT_ID', 'ARM_CLIENT_CERTIFICATE_PATH'],
  ['ARM_CLIENT_ID', 'ARM_USE_OIDC'],
  ['ARM_CLIENT_ID', 'ARM_OIDC_TOKEN'],
  ['ARM_USE_MSI'],
];
/** Environment that gives the AWS CLI and the CDK credentials (besides a default profile or an instance role). */
const AWS_CREDENTIAL_ENV = ['AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'];

const ECR_IMAGE_PARTS = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\//;

class Collector {
  readonly errors: PreflightProblem[] = [];
  readonly warnings: PreflightProblem[] = [];
  readonly oneTimeSteps: string[] = [];
  readonly passed: string[] = [];
  error(subject: string, message: string) { this.errors.push({ subject, message }); }
  warn(subject: string, message: string) { this.warnings.push({ subject, message }); }
}

const isError = (x: unknown): x is ProbeError => typeof x === 'object' && x !== null && 'error' in x;

function checkImages(d: Derived, c: Collector, account: string | undefined, opts: PreflightOptions): void {
  const region = d.aws.region;
  d.aws.agents.forEach((agent, i) => {
    const subject = `aws.agents[${i}].image`;
    const image = agent.spec.image;
    const [, imageAccount] = ECR_IMAGE_PARTS.exec(image) ?? [];
    if (EXAMPLE_IMAGES.includes(image)) {
      c.error(subject, `"${image}" is stateline's example placeholder, not your agent: push the agent image to ECR in ${region} and set ${subject} to its URI`);
      return;
    }
    if (imageAccount && EXAMPLE_AWS_ACCOUNTS.includes(imageAccount)) {
      c.error(subject, `"${image}" is in ${imageAccount}, an AWS documentation example account: push the agent image to your ECR in ${region} and set ${subject} to its URI`);
      return;
    }
    if (!account) {
      c.warn(subject, `cannot compare the image's account ${imageAccount} with the deployment account offline: set aws.account, or run without --dry-run`);
    } else if (imageAccount !== account) {
      if (opts.allowCrossAccountImages) {
        c.oneTimeSteps.push(`AWS: let account ${account} pull ${image}: the repository policy in account ${imageAccount} must allow ecr:BatchGetImage and ecr:GetDownloadUrlForLayer to the agent runtime roles of ${account} (acknowledged with --allow-cross-account-images)`);
      } else {
        c.error(subject, `"${image}" is in account ${imageAccount}, but the agents deploy to account ${account}: push the image to ${account} (ECR in ${region}), or allow the pull in that repository's policy and pass --allow-cross-account-images`);
      }
    } else {
      c.passed.push(`${subject}: in the deployment account ${account}, ${region}`);
    }
  });
}

function checkTools(c: Collector, opts: PreflightOptions, azureCliAuth: boolean): void {
  const found: string[] = [];
  // npx runs project tools only: stateline never lets it download a package of that name.
  const projectTool = (name: string) => (opts.env.hasProjectTool ? opts.env.hasProjectTool(name) : opts.env.hasCommand(name));
  for (const [name, tool] of Object.entries(NPM_TOOLS)) {
    if (projectTool(name)) found.push(name);
    else c.error(`tool ${name}`, `not installed in this project (${tool.runs} run it through npx, which stateline never lets download a package): npm install --save-dev --save-exact ${tool.pkg}@${tool.version}`);
  }
  const needed: Array<[string, string]> = [
    ['terraform', 'cdktf deploy runs Terraform: install Terraform 1.x (https://developer.hashicorp.com/terraform/install)'],
    ['aws', `${opts.action === 'destroy' ? 'lists what each AWS stack holds before it is destroyed' : 'reads the VPN pre-shared keys from Secrets Manager for phase 3'}: install the AWS CLI v2`],
    ...(azureCliAuth ? [['az', 'provides the Azure credentials (no ARM_CLIENT_ID / ARM_USE_MSI set): install the Azure CLI and run az login'] as [string, string]] : []),
  ];
  for (const [name, why] of needed) {
    if (opts.env.hasCommand(name)) found.push(name);
    else c.error(`tool ${name}`, `not found on PATH: ${why}`);
  }
  if (found.length > 0) c.passed.push(`tools: ${found.join(', ')}`);
  if (opts.env.fileExists && !opts.env.fileExists('cdktf.json')) {
    c.error('cdktf.json', 'not found in the project directory: cdktf deploy reads it even with synthesized outputs; create it with {"language": "typescript", "app": "npx --no-install stateline synth --no-check --no-graph"}');
  }
}

/** `destroy` acts on the outputs the deploy used: they must be there. */
function checkOutputs(c: Collector, opts: PreflightOptions): void {
  if (!opts.env.fileExists) return;
  const dir = opts.outDir ?? '.';
  const missing = ['cdk.out/manifest.json', 'cdktf.out/manifest.json'].filter((f) => !opts.env.fileExists!(`${dir}/${f}`));
  if (missing.length > 0) c.error('outputs', `${missing.map((f) => `${dir}/${f}`).join(' and ')} not found: destroy acts on the synthesized outputs; run stateline synth --out ${dir} with the topology that was deployed`);
}

/** True when azurerm will take its credentials from the Azure CLI. */
function usesAzureCli(opts: PreflightOptions): boolean {
  return !AZURE_NON_CLI_AUTH.some((vars) => vars.every((v) => (opts.env.env(v) ?? '') !== ''));
}

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The Azure subscription and tenant from the topology and the environment; a difference between them stops the deploy. */
function checkAzureCredentials(d: Derived, c: Collector, opts: PreflightOptions, target: MutableTarget): void {
  const fromTopology = d.topology.azure.subscriptionId;
  const fromEnv = opts.env.env('ARM_SUBSCRIPTION_ID') || undefined;
  if (!fromTopology && !fromEnv) {
    c.error('azure subscription', 'neither azure.subscriptionId nor ARM_SUBSCRIPTION_ID is set: azurerm 4.x needs the subscription to deploy into');
  } else if (fromTopology && fromEnv && !sameId(fromTopology, fromEnv)) {
    c.error('azure.subscriptionId', `is ${fromTopology}, but ARM_SUBSCRIPTION_ID is ${fromEnv}: stateline stops rather than guess which subscription you meant; unset ARM_SUBSCRIPTION_ID or correct one of them`);
  } else {
    c.passed.push(`Azure subscription: ${fromTopology ?? fromEnv} (${fromTopology ? 'azure.subscriptionId' : 'ARM_SUBSCRIPTION_ID'})`);
  }
  target.azureSubscription = fromTopology ?? fromEnv;
  target.azureSubscriptionSource = fromTopology ? 'azure.subscriptionId' : fromEnv ? 'ARM_SUBSCRIPTION_ID' : 'not set';
  const tenantEnv = opts.env.env('ARM_TENANT_ID') || undefined;
  const tenantTopology = d.topology.azure.tenantId;
  if (tenantEnv && tenantTopology && !sameId(tenantEnv, tenantTopology)) {
    c.error('azure.tenantId', `is ${tenantTopology}, but the Azure credentials are for tenant ${tenantEnv} (ARM_TENANT_ID): the agents' identities and the subscription must be in the same tenant; correct one of them`);
  }
  // azurerm's service principal and OIDC sign-ins need the tenant (ARM_TENANT_ID; our provider blocks set no
  // tenant_id); only a managed identity or the Azure CLI login can supply it themselves.
  const principal = (opts.env.env('ARM_CLIENT_ID') ?? '') !== '' && (opts.env.env('ARM_USE_MSI') ?? '') === '';
  if (principal && !tenantEnv) {
    c.error('ARM_TENANT_ID', `is not set, but ARM_CLIENT_ID is (a service principal or OIDC sign-in): azurerm needs the tenant to sign in; set ARM_TENANT_ID${tenantTopology ? ` to ${tenantTopology} (azure.tenantId)` : ' to the tenant of the subscription'}`);
  }
  target.azureTenant = tenantEnv ?? tenantTopology;
  target.azureTenantSource = tenantEnv ? 'ARM_TENANT_ID' : tenantTopology ? 'azure.tenantId, not verified offline'
    : principal ? 'not set: ARM_CLIENT_ID needs ARM_TENANT_ID' : "the Azure CLI login's, not checked offline";
}

type MutableTarget = { -readonly [K in keyof DeployTarget]: DeployTarget[K] };

function checkAwsCredentials(c: Collector, opts: PreflightOptions): void {
  const set = AWS_CREDENTIAL_ENV.filter((v) => (opts.env.env(v) ?? '') !== '');
  if (set.length === 0) c.warn('aws credentials', `none of ${AWS_CREDENTIAL_ENV.join(', ')} is set: the AWS CLI and the CDK fall back to the default profile or an instance role`);
  else c.passed.push(`AWS credentials from ${set.join(', ')}`);
}

function checkModels(d: Derived, c: Collector, opts: PreflightOptions): void {
  const { errors, warnings } = modelLifecycleFindings(d.topology, opts.asOf);
  for (const p of errors) c.error(p.path, p.message);
  for (const p of [...warnings, ...modelAvailabilityFindings(d.topology)]) c.warn(p.path, p.message);
  const count = d.topology.azure.serving.reduce((n, s) => n + s.models.length, 0);
  if (errors.length === 0 && count > 0) c.passed.push(`${count} model deployments: none retired on ${dayOf(opts.asOf)}`);
}

/** Every account-bound ARN of the agents' tools, with its topology path. */
function toolArns(d: Derived): Array<{ subject: string; arn: string; what: string }> {
  const out: Array<{ subject: string; arn: string; what: string }> = [];
  d.topology.aws.tools.forEach((tool, i) => {
    if (!d.aws.tools.some((used) => used.name === tool.name)) return;
    const p = `aws.tools[${i}]`;
    if (tool.lambda) out.push({ subject: `${p}.lambda.functionArn`, arn: tool.lambda.functionArn, what: 'function' });
    const apiKey = tool.openapi?.auth.apiKey;
    if (apiKey) out.push({ subject: `${p}.openapi.auth.apiKey.secretArn`, arn: apiKey.secretArn, what: 'secret' });
    const oauth = tool.openapi?.auth.oauth2 ? { at: `${p}.openapi.auth.oauth2`, o: tool.openapi.auth.oauth2 } : tool.mcp ? { at: `${p}.mcp.auth.oauth2`, o: tool.mcp.auth.oauth2 } : undefined;
    if (oauth) out.push({ subject: `${oauth.at}.clientSecretArn`, arn: oauth.o.clientSecretArn, what: 'secret' });
  });
  return out;
}

/** Tool functions and secrets must be in the deployment account: the gateway role reaches them by identity policy only. */
function checkToolAccounts(d: Derived, c: Collector, account: string | undefined): void {
  for (const { subject, arn, what } of toolArns(d)) {
    const arnAccount = arn.split(':')[4];
    if (EXAMPLE_AWS_ACCOUNTS.includes(arnAccount)) {
      c.error(subject, `"${arn}" is in ${arnAccount}, an AWS documentation example account: create the tool's ${what} in your account and set ${subject} to its ARN`);
    } else if (!account) {
      c.warn(subject, `cannot compare the ${what}'s account ${arnAccount} with the deployment account offline: set aws.account, or run without --dry-run`);
    } else if (arnAccount !== account) {
      c.error(subject, `"${arn}" is in account ${arnAccount}, but the agents deploy to account ${account}: the tool gateway's role can use a ${what} of its own account only`);
    } else {
      c.passed.push(`${subject}: in the deployment account ${account}`);
    }
  }
}

/** Steps a deployer takes once, outside stateline, that the design relies on. */
function oneTimeSteps(d: Derived, c: Collector, account: string | undefined, opts: PreflightOptions): void {
  const t = d.topology;
  if (!t.azure.state) {
    c.warn('azure.state', `not set: Terraform state stays local (${opts.outDir ?? '.'}/terraform.<stack>.tfstate, owner-only) and holds the tunnels' pre-shared keys and the agents' client secrets in plain text, on this machine only; set azure.state to keep it in an Azure Storage container (README: Your first deploy)`);
  }
  c.oneTimeSteps.push(`AWS: bootstrap the CDK once in the deployment account and ${d.aws.region} (the stack ships a Lambda asset): npx --no-install cdk bootstrap aws://${account ?? '<account>'}/${d.aws.region}`);
  if (t.azure.state) {
    c.oneTimeSteps.push(`Azure: create the Terraform state container ${t.azure.state.containerName} in storage account ${t.azure.state.storageAccountName} (resource group ${t.azure.state.resourceGroupName}) and give the deployer Storage Blob Data Contributor on it`);
  }
  for (const s of d.serving) {
    for (const m of s.spec.models) {
      c.oneTimeSteps.push(`Azure: quota for ${m.model} ${m.version} ${m.sku} in ${s.region}: ${m.capacity} ${m.sku.includes('Provisioned') ? 'PTUs' : 'thousand tokens per minute'} (deployment ${m.name})`);
    }
    for (const cl of s.clusters) {
      for (const p of cl.spec.gpuPools) {
        c.oneTimeSteps.push(`Azure: vCPU quota for ${p.vmSize} (up to ${p.maxCount} nodes, pool ${p.name} of cluster ${cl.name}) in ${s.region}: GPU families usually start at 0`);
      }
      // Local accounts are off and Azure RBAC authorizes the Kubernetes API: without a Kubernetes
      // data-plane role nobody (not even subscription Owner, which has no data actions) can deploy the model server.
      c.oneTimeSteps.push(`Azure: after phase 1, assign whoever deploys the model server to ${cl.aksName} an AKS Kubernetes role (e.g. "Azure Kubernetes Service RBAC Writer" on its namespace, or "Azure Kubernetes Service RBAC Cluster Admin"): local accounts are off and Azure RBAC authorizes kubectl, and Owner or Contributor carry no Kubernetes data actions; the private API server is reached from networks that resolve through the hub (or over the VPN)`);
    }
  }
  if (t.name === DEFAULT_TOPOLOGY.name) {
    c.warn('name', `"${t.name}" is the default topology name: Key Vault names (${d.serving.map((s) => keyVaultName(t.name, s.short)).join(', ')}) and AI Services subdomains (${d.serving.map((s) => s.customSubdomain).join(', ')}) are globally unique, so another deployment of the default may hold them; choose your own name`);
  }
}

async function networkChecks(d: Derived, c: Collector, network: NetworkProbe, azureCliAuth: boolean, opts: PreflightOptions, target: MutableTarget): Promise<string | undefined> {
  const region = d.aws.region;
  const deploying = opts.action !== 'destroy';
  const identity = await network.awsIdentity(region);
  let account: string | undefined;
  if (isError(identity)) {
    c.error('aws credentials', `aws sts get-caller-identity failed: ${identity.error}`);
  } else {
    account = identity.account;
    target.awsAccount = identity.account;
    target.awsAccountSource = `credentials ${identity.arn}`;
    if (d.aws.account && d.aws.account !== identity.account) {
      c.error('aws.account', `the topology deploys to ${d.aws.account}, but the AWS credentials are for ${identity.account} (${identity.arn}): stateline stops; use credentials for ${d.aws.account}, or correct aws.account`);
    } else {
      c.passed.push(`AWS identity ${identity.arn} (account ${identity.account})`);
    }
    if (deploying) {
      const bootstrap = await network.cdkBootstrapVersion(region);
      if (isError(bootstrap)) c.error('cdk bootstrap', `cannot read the CDK bootstrap version in ${region}: ${bootstrap.error}`);
      else if (bootstrap === null) c.error('cdk bootstrap', `account ${identity.account} is not bootstrapped for the CDK in ${region}: run npx --no-install cdk bootstrap aws://${identity.account}/${region}`);
      else if (bootstrap < MIN_BOOTSTRAP_VERSION) c.error('cdk bootstrap', `the CDK bootstrap stack in ${region} is version ${bootstrap}, older than the ${MIN_BOOTSTRAP_VERSION} the template requires: run npx --no-install cdk bootstrap aws://${identity.account}/${region} again`);
      else c.passed.push(`CDK bootstrap version ${bootstrap} in ${region}`);
    }
  }
  if (azureCliAuth) await azureCliChecks(d, c, network, target);
  if (!deploying) return account;
  for (const [i, agent] of d.aws.agents.entries()) {
    const image = agent.spec.image;
    if (EXAMPLE_IMAGES.includes(image) || EXAMPLE_AWS_ACCOUNTS.some((a) => image.startsWith(`${a}.`))) continue;
    const exists = await network.ecrImageExists(image);
    if (isError(exists)) c.error(`aws.agents[${i}].image`, `cannot look up "${image}" in ECR: ${exists.error}`);
    else if (!exists) c.error(`aws.agents[${i}].image`, `"${image}" does not exist in ECR: push it before deploying (AgentCore pulls it when the runtime is created)`);
    else c.passed.push(`aws.agents[${i}].image exists in ECR`);
  }
  return account;
}

/** The Azure CLI account for the target subscription: signed in, with access to it, in the topology's tenant. */
async function azureCliChecks(d: Derived, c: Collector, network: NetworkProbe, target: MutableTarget): Promise<void> {
  const az = await network.azureCliAccount(target.azureSubscription);
  if (isError(az)) {
    c.error('azure credentials', target.azureSubscription
      ? `az account show --subscription ${target.azureSubscription} failed (${az.error}): run az login with an account that can access that subscription`
      : `az account show failed (${az.error}): run az login`);
    return;
  }
  c.passed.push(`Azure CLI signed in as ${az.user}`);
  if (az.tenantId) {
    target.azureTenant = az.tenantId;
    target.azureTenantSource = `az account show (${az.user})`;
    const wanted = d.topology.azure.tenantId;
    if (wanted && !sameId(wanted, az.tenantId)) {
      c.error('azure.tenantId', `is ${wanted}, but subscription ${az.subscriptionId} is in tenant ${az.tenantId} (az account show): the agents' identities and the subscription must be in the same tenant; sign in to the right tenant (az login --tenant ${wanted}) or correct azure.tenantId`);
    }
  }
}

/** Runs every check; never throws for an environment problem (it becomes a finding). */
export async function preflight(d: Derived, opts: PreflightOptions): Promise<PreflightReport> {
  const c = new Collector();
  const action = opts.action ?? 'deploy';
  const azureCliAuth = usesAzureCli(opts);
  const target: MutableTarget = {
    awsRegion: d.aws.region,
    awsAccount: d.aws.account,
    awsAccountSource: d.aws.account ? 'aws.account, not verified offline' : 'aws.account not set, credentials not checked offline',
    azureSubscriptionSource: 'not set',
    azureTenantSource: 'unknown',
  };
  if (action === 'deploy') checkModels(d, c, opts);
  else checkOutputs(c, opts);
  checkTools(c, opts, azureCliAuth);
  checkAzureCredentials(d, c, opts, target);
  if (!azureCliAuth) c.passed.push('Azure credentials from ARM_* environment');
  checkAwsCredentials(c, opts);
  const account = opts.network ? (await networkChecks(d, c, opts.network, azureCliAuth, opts, target)) ?? d.aws.account : d.aws.account;
  if (action === 'deploy') {
    checkImages(d, c, account, opts);
    checkToolAccounts(d, c, account);
    oneTimeSteps(d, c, account, opts);
  }
  return { asOf: dayOf(opts.asOf), action, target, online: opts.network !== undefined, errors: c.errors, warnings: c.warnings, oneTimeSteps: c.oneTimeSteps, passed: c.passed };
}

/**
 * A resolved value and how it was resolved, or `missing` and how to set it; the reason is left out
 * when it would only repeat the value (never "not set (not set)").
 */
function resolvedAs(value: string | undefined, source: string, missing: string, howToSet?: string): string {
  if (value !== undefined) return `${value} (${source})`;
  const reason = howToSet ?? source;
  return reason && reason !== missing ? `${missing} (${reason})` : missing;
}

/** The target in two lines: where the stacks will be deployed (or destroyed), and how each part was resolved. */
export function formatTarget(t: DeployTarget): string[] {
  return [
    `AWS    account ${resolvedAs(t.awsAccount, t.awsAccountSource, 'unknown')}, region ${t.awsRegion}`,
    `Azure  subscription ${resolvedAs(t.azureSubscription, t.azureSubscriptionSource, 'not set', 'set azure.subscriptionId or ARM_SUBSCRIPTION_ID')}, tenant ${resolvedAs(t.azureTenant, t.azureTenantSource, 'unknown')}`,
  ];
}

/** The report as text: errors first, then warnings, one-time steps and what passed. */
export function formatPreflight(r: PreflightReport): string {
  const lines = [`preflight (as of ${r.asOf}; ${r.online ? 'with network checks' : 'offline checks only (--dry-run)'})`];
  lines.push(...formatTarget(r.target).map((l) => `  target ${l}`));
  for (const p of r.errors) lines.push(`  error  ${p.subject}: ${p.message}`);
  for (const p of r.warnings) lines.push(`  warn   ${p.subject}: ${p.message}`);
  for (const p of r.passed) lines.push(`  ok     ${p}`);
  if (r.oneTimeSteps.length > 0) {
    lines.push('  one-time steps (outside stateline, once per account, subscription or region):');
    for (const s of r.oneTimeSteps) lines.push(`    - ${s}`);
  }
  const n = r.errors.length;
  lines.push(n === 0 ? `preflight passed (${r.warnings.length} warning${r.warnings.length === 1 ? '' : 's'})` : `preflight failed: ${n} problem${n === 1 ? '' : 's'} to fix before ${r.action === 'destroy' ? 'destroying' : 'deploying'}`);
  return `${lines.join('\n')}\n`;
}
