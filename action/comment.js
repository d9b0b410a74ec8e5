// Posts the report as one pull-request comment, or updates the comment an earlier run posted
// (found by the marker on its first line). Called from actions/github-script with its
// authenticated `github` client and `context`.
'use strict';
const { MARKER } = require('./check');

async function upsertComment({ github, context, body }) {
  const { owner, repo } = context.repo;
  const issue_number = context.payload.pull_request.number;
  const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number, per_page: 100 });
  const mine = comments.find((c) => typeof c.body === 'string' && c.body.startsWith(MARKER));
  if (mine) {
    await github.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
    return { updated: mine.id };
  }
  const created = await github.rest.issues.createComment({ owner, repo, issue_number, body });
  return { created: created.data.id };
}

module.exports = { upsertComment };
