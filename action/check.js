#!/usr/bin/env node
// The action's check step (action.yml): runs `stateline check` on the inputs in three formats
// (SARIF for code scanning, JSON for the outputs, markdown for the pull-request comment) and
// writes the step outputs. Exits 0 whatever the verdict (the action's last step decides), except
// when stateline cannot run at all. Plain Node, no dependencies: it runs before any install.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

/** The comment's first line: how later runs find the comment to update. */
const MARKER = '<!-- stateline-check -->';

const words = (v) => (v || '').split(/[\s]+/).filter(Boolean);

/** The command that runs stateline: the input, else the project's install, else this action's own copy. */
function statelineCommand(env, cwd) {
  if (env.INPUT_STATELINE) return { cmd: 'bash', args: ['-c', `${env.INPUT_STATELINE} "$@"`, 'stateline'] };
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    // What `npx --no-install stateline` runs, without npx's start-up.
    const bin = path.join(dir, 'node_modules', '.bin', 'stateline');
    if (fs.existsSync(bin)) return { cmd: bin, args: [] };
    if (path.dirname(dir) === dir) break;
  }
  const own = env.STATELINE_ACTION_PATH;
  if (!own) throw new Error('stateline is not installed in the working directory and STATELINE_ACTION_PATH is not set');
  if (!fs.existsSync(path.join(own, 'dist', 'lib', 'cli', 'main.js'))) {
    // `npm ci` builds dist/ through the package's prepare script.
    const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: own, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`npm ci in ${own} failed (exit ${r.status})`);
  }
  return { cmd: process.execPath, args: [path.join(own, 'bin', 'stateline.js')] };
}

/** `check` arguments for the inputs. */
function checkArgs(env) {
  const args = ['check'];
  const add = (flag, value) => { for (const v of words(value)) args.push(flag, v); };
  add('--cdk-out', env.INPUT_CDK_OUT);
  add('--cdktf-out', env.INPUT_CDKTF_OUT);
  add('--template', env.INPUT_TEMPLATE);
  add('--terraform', env.INPUT_TERRAFORM);
  if (env.INPUT_CONFIG) args.push('--config', env.INPUT_CONFIG);
  return args;
}

/** The pull-request comment: marker, verdict line, then stateline's markdown report. */
function commentBody(report, markdown) {
  const s = report ? report.summary : undefined;
  const verdict = !s ? '**stateline check could not read its inputs** (see the job log).'
    : s.errors > 0 ? `**stateline check failed:** ${s.errors} placement policy error${s.errors === 1 ? '' : 's'} in ${s.resources} resources.`
      : `**stateline check passed:** ${s.resources} resources, no placement policy errors${s.warnings ? ` (${s.warnings} warning${s.warnings === 1 ? '' : 's'})` : ''}.`;
  const body = `${MARKER}\n${verdict}\n\n${markdown}`;
  // GitHub rejects comments over 65,536 characters.
  return body.length > 65000 ? `${body.slice(0, 64900)}\n\n_truncated: the full report is in the SARIF upload and the job log._\n` : body;
}

function main(env = process.env, cwd = process.cwd()) {
  const out = fs.mkdtempSync(path.join(env.RUNNER_TEMP || os.tmpdir(), 'stateline-check-'));
  const files = { sarif: path.join(out, 'stateline.sarif'), json: path.join(out, 'stateline.json'), markdown: path.join(out, 'stateline.md'), comment: path.join(out, 'comment.md') };
  const { cmd, args } = statelineCommand(env, cwd);
  const base = checkArgs(env);
  let code = 0;
  for (const format of ['json', 'sarif', 'markdown']) {
    const r = spawnSync(cmd, [...args, ...base, '--format', format, '--output', files[format]], { cwd, env, encoding: 'utf8' });
    process.stderr.write(r.stderr || '');
    if (r.status === null || r.status > 1) {
      code = r.status === null ? 2 : r.status;
      break;
    }
    code = r.status;
  }
  const report = fs.existsSync(files.json) ? JSON.parse(fs.readFileSync(files.json, 'utf8')) : undefined;
  const markdown = fs.existsSync(files.markdown) ? fs.readFileSync(files.markdown, 'utf8') : '';
  fs.writeFileSync(files.comment, commentBody(code > 1 ? undefined : report, markdown));
  if (markdown) process.stdout.write(markdown);
  const outputs = {
    'exit-code': String(code),
    errors: report ? String(report.summary.errors) : '',
    'sarif-file': fs.existsSync(files.sarif) ? files.sarif : '',
    'report-file': report ? files.json : '',
    'comment-file': files.comment,
  };
  if (env.GITHUB_OUTPUT) fs.appendFileSync(env.GITHUB_OUTPUT, Object.entries(outputs).map(([k, v]) => `${k}=${v}\n`).join(''));
  return outputs;
}

module.exports = { MARKER, checkArgs, commentBody, main, statelineCommand };

if (require.main === module) {
  try {
    main();
  } catch (e) {
    process.stderr.write(`::error::${e.message}\n`);
    process.exitCode = 1;
  }
}
