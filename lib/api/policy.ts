/**
 * `stateline/policy`: the placement policy over synthesized CloudFormation and Terraform (cloud
 * assemblies, cdktf outputs, template and Terraform files, or documents in memory), returning
 * the JSON report of `stateline check --format json`. Loads no CDK or CDKTF library.
 */
export { checkPlacement, checkPlacementSync, placementClassification } from '../policy/placement';
export type {
  CloudFormationDocument, InMemoryPlacementInput, JsonFinding, JsonReport, PlacementInput, PlacementOptions, ResourceClass, TerraformDocument,
} from '../policy/placement';
export { PolicyInputError } from '../policy/errors';
export type { Suppression } from '../policy/suppressions';
