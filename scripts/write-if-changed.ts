/**
 * How every generator writes: only when the content differs from the file's, so a generator run
 * on an up-to-date tree leaves `git status` clean and every file's modification time alone (no
 * spurious rebuilds, watchers or editor reloads), and says which files it wrote.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Writes `content` to `file` (creating its folder) unless the file already holds exactly it; returns whether it wrote. */
export function writeIfChanged(file: string, content: string | Buffer): boolean {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  if (fs.existsSync(file) && fs.readFileSync(file).equals(bytes)) return false;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return true;
}

/** `wrote docs/RULES.md` or `unchanged docs/RULES.md`, relative to the working directory, with optional details. */
export function written(file: string, wrote: boolean, details = ''): string {
  return `${wrote ? 'wrote' : 'unchanged'} ${path.relative(process.cwd(), file)}${details}`;
}

/** Writes the file if its content changed and prints what happened. */
export function generate(file: string, content: string | Buffer, details = ''): boolean {
  const wrote = writeIfChanged(file, content);
  process.stdout.write(`${written(file, wrote, details)}\n`);
  return wrote;
}
