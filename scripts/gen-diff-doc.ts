/**
 * Writes docs/DIFF.md from the security kinds and list-semantics tables: `npm run docs:diff`.
 * test/diff/docs.test.ts fails when the committed file is stale.
 */
import * as path from 'path';
import { renderDiffDoc } from '../lib/diff/docs';
import { generate } from './write-if-changed';

generate(path.join(__dirname, '..', 'docs', 'DIFF.md'), renderDiffDoc());
