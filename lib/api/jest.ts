/**
 * `stateline/jest`: jest matchers for the placement policy. Importing the module registers
 * them on jest's global `expect`:
 *
 * @example
 * import 'stateline/jest';
 * expect(Template.fromStack(stack)).toSatisfyPlacement();   // aws-cdk-lib/assertions
 * expect(Testing.synth(stack)).toSatisfyPlacement();        // cdktf
 * expect(Template.fromStack(stack)).toMatchPlacementSnapshot();
 */
export { placementDocument, placementMatchers, toMatchPlacementSnapshot, toSatisfyPlacement } from '../jest';
export type { PlacementMatcherContext, PlacementMatcherOptions, PlacementMatcherResult } from '../jest';
