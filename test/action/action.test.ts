/**
 * The reusable GitHub Action (action.yml, composite): every step pinned to a commit, the README's
 * copy-paste workflow uses only inputs the action declares, unreadable input fails the job with
 * exit 2, and the pull-request comment is posted once and then updated.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';

const ROOT = path.join(__dirname, '..', '..');
const action = parseYaml(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: { uses?: string; run?: string; id?: string }[] };
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { MARKER, checkArgs, commentBody } = require('../../action/check.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { upsertComment } = require('../../action/comment.js');

function readmeWorkflow(): { jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }> } {
  const section = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('## Use in your own app')[1];
  return parseYaml(/```yaml\n([\s\S]*?)```/.exec(section)![1]);
}

test('a composite action whose third-party steps are pinned to commits', () => {
  expect(action.runs.using).toBe('composite');
  const uses = action.runs.steps.filter((s) => s.uses).map((s) => s.uses as string);
  expect(uses).toEqual(expect.arrayContaining([expect.stringMatching(/^github\/codeql-action\/upload-sarif@[0-9a-f]{40}$/), expect.stringMatching(/^actions\/github-script@[0-9a-f]{40}$/)]));
  for (const u of uses) expect(u).toMatch(/@[0-9a-f]{40}$/);
  // Every input and step output the action refers to exists.
  const text = fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
  for (const [, name] of text.matchAll(/inputs\.([a-z-]+)/g)) expect(Object.keys(action.inputs)).toContain(name);
  for (const o of Object.values(action.outputs)) expect(o.value).toMatch(/^\$\{\{ steps\.check\.outputs\.[a-z-]+ \}\}$/);
});

test("the README workflow uses the action with declared inputs only, and pins every other step", () => {
  const steps = Object.values(readmeWorkflow().jobs)[0].steps;
  const ours = steps.filter((s) => s.uses?.includes('/stateline@'));
  expect(ours).toHaveLength(1);
  for (const key of Object.keys(ours[0].with ?? {})) expect(Object.keys(action.inputs)).toContain(key);
  for (const s of steps.filter((x) => x.uses && !x.uses.includes('/stateline@'))) expect(s.uses).toMatch(/@[0-9a-f]{40}$/);
});

test('inputs become check arguments (lists split on spaces and new lines)', () => {
  expect(checkArgs({ INPUT_CDK_OUT: 'cdk.out', INPUT_CDKTF_OUT: 'a/cdktf.out\nb/cdktf.out', INPUT_TEMPLATE: '', INPUT_CONFIG: 'stateline.config.yaml' })).toEqual(
    ['check', '--cdk-out', 'cdk.out', '--cdktf-out', 'a/cdktf.out', '--cdktf-out', 'b/cdktf.out', '--config', 'stateline.config.yaml'],
  );
  expect(commentBody({ summary: { errors: 0, resources: 12, warnings: 1 } }, 'report')).toBe(`${MARKER}\n**stateline check passed:** 12 resources, no placement policy errors (1 warning).\n\nreport`);
});

test('an unreadable input: exit code 2 in the outputs and a comment that says so', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-action-'));
  try {
    const env = {
      ...process.env, GITHUB_OUTPUT: path.join(tmp, 'out'), RUNNER_TEMP: tmp, STATELINE_ACTION_PATH: ROOT,
      INPUT_TEMPLATE: 'missing.template.json', INPUT_STATELINE: `node ${path.join(ROOT, 'bin', 'stateline.js')}`,
    };
    const r = spawnSync(process.execPath, [path.join(ROOT, 'action', 'check.js')], { cwd: tmp, env, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/missing\.template\.json/);
    const outputs = fs.readFileSync(path.join(tmp, 'out'), 'utf8');
    expect(outputs).toMatch(/^exit-code=2$/m);
    expect(outputs).toMatch(/^sarif-file=$/m);
    const comment = fs.readFileSync(/^comment-file=(.*)$/m.exec(outputs)![1], 'utf8');
    expect(comment).toMatch(/could not read its inputs/);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

describe('the pull-request comment', () => {
  function fakeGithub(existing: { id: number; body: string }[]) {
    const calls: string[] = [];
    return {
      calls,
      paginate: async (_fn: unknown, params: { issue_number: number }) => { calls.push(`list ${params.issue_number}`); return existing; },
      rest: {
        issues: {
          listComments: () => undefined,
          updateComment: async (p: { comment_id: number; body: string }) => { calls.push(`update ${p.comment_id}`); },
          createComment: async (p: { issue_number: number }) => { calls.push(`create ${p.issue_number}`); return { data: { id: 99 } }; },
        },
      },
    };
  }
  const context = { repo: { owner: 'acme', repo: 'agents' }, payload: { pull_request: { number: 7 } } };

  test('is created once, then updated (found by its marker)', async () => {
    const first = fakeGithub([{ id: 1, body: 'an unrelated review comment' }]);
    expect(await upsertComment({ github: first, context, body: `${MARKER}\nnew` })).toEqual({ created: 99 });
    expect(first.calls).toEqual(['list 7', 'create 7']);
    const later = fakeGithub([{ id: 1, body: 'an unrelated review comment' }, { id: 42, body: `${MARKER}\nold` }]);
    expect(await upsertComment({ github: later, context, body: `${MARKER}\nnew` })).toEqual({ updated: 42 });
    expect(later.calls).toEqual(['list 7', 'update 42']);
  });
});
