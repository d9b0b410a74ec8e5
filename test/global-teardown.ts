import * as fs from 'fs';

export default async function globalTeardown(): Promise<void> {
  const root = process.env.STATELINE_TEST_OUTPUTS;
  if (root && root.includes('stateline-test-outputs-')) fs.rmSync(root, { recursive: true, force: true });
}
