/**
 * The meter registry: a meter per resource type, then prefix rules for families that are free
 * as a whole (IAM, Entra ID applications, Terraform-only resources). A type with no meter is
 * reported as "not priced", never as zero.
 */
import { AWS_AGENTCORE_METERS } from './aws-agentcore';
import { AWS_NETWORK_METERS } from './aws-network';
import { AWS_SERVICE_METERS } from './aws-services';
import { AZURE_AI_METERS } from './azure-ai';
import { AZURE_COMPUTE_METERS } from './azure-compute';
import { AZURE_NETWORK_METERS } from './azure-network';
import { AZURE_PLATFORM_METERS } from './azure-platform';
import { free, FreeMeter, Meter } from './types';

export type { FreeMeter, Meter, MeterContext } from './types';

const BY_TYPE: Readonly<Record<string, Meter>> = {
  ...AZURE_NETWORK_METERS,
  ...AZURE_COMPUTE_METERS,
  ...AZURE_AI_METERS,
  ...AZURE_PLATFORM_METERS,
  ...AWS_NETWORK_METERS,
  ...AWS_SERVICE_METERS,
  ...AWS_AGENTCORE_METERS,
};

const BY_PREFIX: ReadonlyArray<readonly [prefix: string, meter: Meter]> = [
  ['AWS::IAM::', free('IAM has no charge')],
  ['Custom::', free('a deploy-time custom resource: its Lambda runs at deploy time only')],
  ['AWS::CloudFormation::CustomResource', free('a deploy-time custom resource: its Lambda runs at deploy time only')],
  ['azuread_', free('Microsoft Entra ID app registrations, service principals and credentials have no charge')],
  ['time_', free('evaluated by Terraform itself; not a cloud resource')],
  ['random_', free('evaluated by Terraform itself; not a cloud resource')],
  ['null_resource', free('evaluated by Terraform itself; not a cloud resource')],
  ['terraform_data', free('evaluated by Terraform itself; not a cloud resource')],
];

const resolved = new Map<string, Meter | null>();

/** The meter of a resource type, or undefined when the model does not know the type. */
export function meterFor(type: string): Meter | undefined {
  let m = resolved.get(type);
  if (m === undefined) resolved.set(type, (m = BY_TYPE[type] ?? BY_PREFIX.find(([p]) => type.startsWith(p))?.[1] ?? null));
  return m ?? undefined;
}

/** Why a whole type is free (its meter never looks at properties), or undefined. */
export function freeType(type: string): string | undefined {
  return (meterFor(type) as Partial<FreeMeter> | undefined)?.freeReason;
}

/** Every type with a meter of its own (for docs and tests). */
export const METERED_TYPES: readonly string[] = Object.keys(BY_TYPE).sort();
