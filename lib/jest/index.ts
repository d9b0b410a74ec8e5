/**
 * `stateline/jest`: importing this module adds the placement matchers to jest's `expect`
 * (`import 'stateline/jest'` in a test file or in `setupFilesAfterEach`).
 *
 * @example
 * import 'stateline/jest';
 * expect(Template.fromStack(stack)).toSatisfyPlacement();
 * expect(Testing.synth(stack)).toSatisfyPlacement();
 * expect(Template.fromStack(stack)).toMatchPlacementSnapshot();
 */
import { toMatchPlacementSnapshot, toSatisfyPlacement } from './matchers';

/** The matchers, for `expect.extend(placementMatchers)` where `expect` is not a global. */
export const placementMatchers = { toSatisfyPlacement, toMatchPlacementSnapshot };

const globalExpect = (globalThis as { expect?: { extend?: (matchers: object) => void } }).expect;
if (typeof globalExpect?.extend === 'function') globalExpect.extend(placementMatchers);

export { placementDocument, toMatchPlacementSnapshot, toSatisfyPlacement } from './matchers';
export type { PlacementMatcherContext, PlacementMatcherOptions, PlacementMatcherResult } from './matchers';
