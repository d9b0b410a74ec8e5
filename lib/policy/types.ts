/**
 * Shared types of the policy engine: the normalized inventory record every loader produces,
 * the cdk-nag-shaped rule contract, findings and the report.
 */

/** Where a resource runs. `aws` for CloudFormation; for Terraform, from the provider prefix. */
export type Cloud = 'aws' | 'azure' | 'gcp' | (string & {});

/** What kind of block a record came from: only `managed` resources are deployed. */
export type ResourceMode = 'managed' | 'data' | 'module';

/** The input format a record was read from. */
export type SourceFormat = 'cloudformation' | 'terraform';

/**
 * One resource of the inventory, normalized across CloudFormation and Terraform.
 * Rules read `properties` exactly as synthesized (CloudFormation intrinsics and Terraform
 * `${...}` interpolations are left as they are: they are references, not values).
 */
export interface InventoryResource {
  readonly cloud: Cloud;
  /** `cloudformation` for templates; the Terraform provider name (`aws`, `azurerm`, `azapi`, `google`, ...). */
  readonly provider: string;
  readonly format: SourceFormat;
  readonly mode: ResourceMode;
  /** `AWS::SageMaker::Endpoint`, `azurerm_cognitive_account`, `module` for module blocks. */
  readonly type: string;
  /** CloudFormation logical id, or Terraform address (`type.name`, `data.type.name`, `module.name`). */
  readonly id: string;
  /** CloudFormation stack name (nested: `Parent/NestedLogicalId`) or Terraform stack/directory name. */
  readonly stack: string;
  /** Source file, relative to the working directory, with forward slashes. */
  readonly source: string;
  /** Resource properties / Terraform arguments (the `//` metadata key removed). */
  readonly properties: Readonly<Record<string, unknown>>;
  /** Tags as a flat string map (CloudFormation `Tags` list or Terraform `tags` map); literal values only. */
  readonly tags: Readonly<Record<string, string>>;
  /** CloudFormation `Metadata`, or the Terraform `//` object (cdktf metadata). */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** Construct path when the synthesizer recorded one (`aws:cdk:path`, cdktf `//.metadata.path`). */
  readonly path?: string;
  /**
   * Whether the `schema/*` rules validate this record against its provider's schema: set by the
   * loaders for synthesized outputs (cloud assemblies, cdktf output directories) and, with
   * `--schema`, for every input (see lib/schema).
   */
  readonly validateSchema?: boolean;
  /**
   * The region the stack deploys to, when the input records it: a CDK stack's environment
   * (`aws://account/eu-central-1` in the cloud assembly manifest). Absent for environment-agnostic
   * stacks and lone templates; Azure resources carry their `location` in `properties` instead.
   */
  readonly region?: string;
  /** Module calls only: how far the check could see inside the module. */
  readonly module?: ModuleCall;
}

/**
 * What the check saw of a Terraform module call: `followed` (a local module whose files were read,
 * its resources are in the inventory as `module.<name>.<address>`), `inputs` (a well-known registry
 * module: its inputs were mapped to the resources it creates, the rest is unseen), `none` (nothing
 * inside is visible; only the call's arguments are scanned).
 */
export interface ModuleCall {
  readonly inspection: 'followed' | 'inputs' | 'none';
  /** Why, or what was mapped (for messages). */
  readonly note: string;
}

/** Outcome of one rule on one resource, in the cdk-nag shape. */
export type RuleResult =
  | { readonly status: 'compliant' }
  | { readonly status: 'not-applicable' }
  | { readonly status: 'non-compliant'; readonly message: string };

export type Severity = 'error' | 'warning';

/** Read-only view of the whole inventory, for rules that need context (links, references). */
export interface InventoryView {
  readonly resources: readonly InventoryResource[];
  /** Every record of a type (any mode), in load order. */
  ofType(type: string): readonly InventoryResource[];
  /** A record by Terraform address or CloudFormation logical id within one stack and source. */
  lookup(stack: string, id: string): InventoryResource | undefined;
  /** Per-run cache for derived indexes (e.g. which public IPs a VPN gateway uses). */
  memo<T>(key: string, compute: () => T): T;
}

/** Context handed to a rule next to the resource. */
export interface RuleContext {
  readonly inventory: InventoryView;
}

/**
 * A policy rule: a pure function over one normalized resource. The engine only calls
 * `evaluate` for resources whose type `appliesTo` accepts (checked once per type, not per
 * resource) and whose mode is in `modes`.
 */
export interface Rule {
  /** `category/name`; the file name under lib/policy/rules is the name. */
  readonly id: string;
  readonly severity: Severity;
  /** One line: what the rule reports. */
  readonly description: string;
  /** Why it matters. */
  readonly rationale: string;
  /** How to make the resource compliant. */
  readonly fix: string;
  /** Which resource types the rule inspects (for the engine's type index and the docs). */
  readonly appliesTo: (type: string) => boolean;
  /** Human-readable summary of `appliesTo` for the rules reference. */
  readonly scope: string;
  /** Modes the rule sees; default `['managed']`. */
  readonly modes?: readonly ResourceMode[];
  /**
   * Optional index, for rules that find problems on few records of many: the only records that can
   * be non-compliant, computed once per run (e.g. by a pass a family of rules shares). The engine
   * then calls `evaluate` on just those (still filtered by `appliesTo` and `modes`); the others
   * count as compliant. If it throws, the engine evaluates every record as without it.
   */
  readonly candidates?: (inventory: InventoryView) => readonly InventoryResource[];
  evaluate(resource: InventoryResource, context: RuleContext): RuleResult;
}

/** A finding in a report. `resource` is the logical id or Terraform address. */
export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly cloud: string;
  readonly source: string;
  readonly stack: string;
  readonly resource: string;
  readonly resourceType: string;
  readonly message: string;
  readonly suppressed: boolean;
  /** Why it is suppressed (only when suppressed). */
  readonly reason?: string;
  /** Last day the suppression applies, `YYYY-MM-DD` (only when suppressed by a dated suppression). */
  readonly expires?: string;
  /** 1-based line in `source`, when the finding is about one place in the file (input findings). */
  readonly line?: number;
}

/** Rule metadata carried in a report, so formats (SARIF, JUnit) can describe every rule. */
export interface RuleInfo {
  readonly id: string;
  readonly severity: Severity;
  readonly description: string;
  readonly rationale: string;
  readonly fix: string;
}

export interface ReportSummary {
  /** Managed resources checked. */
  readonly resources: number;
  /** Unsuppressed errors. */
  readonly errors: number;
  /** Unsuppressed warnings. */
  readonly warnings: number;
  readonly suppressed: number;
  /** Schema validation coverage, when the `schema/*` rules ran on at least one record. */
  readonly schema?: SchemaSummary;
}

/** Records the schema rules validated, and those they could not for lack of schema data. */
export interface SchemaSummary {
  readonly validated: number;
  readonly notValidated: number;
  /** Types not validated (another Terraform provider, custom resources, third-party types), sorted. */
  readonly notValidatedTypes: readonly string[];
}

/** A file the check could not look into (all its resources are behind modules it could not follow). */
export interface UncheckedFile {
  readonly source: string;
  /** The module calls (addresses) that hide its resources. */
  readonly modules: readonly string[];
  readonly reason: string;
}

/** The result of a policy run; `formatReport` renders it. */
export interface Report {
  readonly version: 1;
  readonly summary: ReportSummary;
  /** Files nothing of which could be inspected (every format reports them next to the verdict). */
  readonly unchecked?: readonly UncheckedFile[];
  /** Sorted by cloud, stack, resource, rule. */
  readonly findings: readonly Finding[];
  /** Every rule that ran, plus the engine's own finding kinds. */
  readonly rules: readonly RuleInfo[];
}
