/**
 * The README and the PR workflow show only invocations that cannot fetch a package from the public
 * registry (dependency confusion): `npx --no-install ...`, npm scripts or local bins. The
 * Performance section names the tools as they were benchmarked and is not an instruction.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');
/** Every `npx` not followed by `--no-install`, with its line. */
const fetching = (text: string) => text.split('\n').filter((l) => /\bnpx (?!--no-install\b)/.test(l));

describe('invocations shown to users', () => {
  test('the README never shows an npx that may download', () => {
    const readme = read('README.md');
    const performance = readme.indexOf('\n## Performance');
    const rest = readme.indexOf('\n## ', performance + 1);
    expect(performance).toBeGreaterThan(0);
    expect(fetching(readme.slice(0, performance) + readme.slice(rest))).toEqual([]);
    expect(readme).toContain('npm ci && npx --no-install stateline synth');
    expect(readme).toContain('## Your first deploy');
    expect(readme).toContain('## Keeping your topology');
  });

  test('neither does the pull request workflow', () => {
    expect(fetching(read('.github/workflows/stateline-pr.yml'))).toEqual([]);
  });
});
