/** Writes docs/API.md (`npm run docs:api`); fails listing every exported symbol without a doc comment. */
import * as path from 'path';
import { renderApiDoc, undocumented } from './api-doc';
import { generate } from './write-if-changed';

const missing = undocumented();
if (missing.length > 0) {
  process.stderr.write(`exported symbols without a doc comment:\n${missing.map((m) => `  ${m}`).join('\n')}\n`);
  process.exit(1);
}
generate(path.join(__dirname, '..', 'docs', 'API.md'), renderApiDoc());
