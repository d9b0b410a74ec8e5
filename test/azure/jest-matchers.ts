/**
 * cdktf's Jest matchers (`toHaveResource`, `toHaveResourceWithProperties`, ...): registers
 * them at runtime and brings their global typings into scope. Import it for its effect.
 */
import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';

Testing.setupJest();
