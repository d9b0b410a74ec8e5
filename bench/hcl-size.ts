/**
 * How HCL check time grows with file size (issue #19): one-resource `.tf` files of 0.25-16 MB in
 * three shapes (a large tags map, many nested blocks, one large heredoc): stateline's whole load
 * (read, parse, normalize: what `check` does before the rules) against the parse alone of
 * `@cdktf/hcl2json` (the WASM build it replaced). Each measurement runs in its own process (the WASM
 * runtime cannot recover from running out of memory), modules loaded before the clock starts.
 * Not part of `npm test`.
 *
 *   npx tsx bench/hcl-size.ts            # prints a Markdown table
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const MB = 1024 * 1024;

const SHAPES: Record<string, (bytes: number) => string> = {
  'tags map': (bytes) => {
    const lines = ['resource "azurerm_resource_group" "x" {', '  name     = "rg"', '  location = "westeurope"', '  tags = {'];
    let size = 0;
    for (let i = 0; size < bytes; i++) { const l = `    key_${i} = "${'v'.repeat(40)}"`; lines.push(l); size += l.length + 1; }
    return `${lines.join('\n')}\n  }\n}\n`;
  },
  'nested blocks': (bytes) => {
    const parts = ['resource "azurerm_network_security_group" "x" {\n  name = "n"\n'];
    let size = 0;
    for (let i = 0; size < bytes; i++) {
      const b = `  security_rule {\n    name = "r${i}"\n    priority = ${100 + (i % 4000)}\n    direction = "Inbound"\n    access = "Allow"\n    protocol = "Tcp"\n    destination_port_range = "443"\n  }\n`;
      parts.push(b);
      size += b.length;
    }
    return `${parts.join('')}}\n`;
  },
  heredoc: (bytes) => {
    const line = '{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}\n';
    return `resource "aws_iam_policy" "x" {\n  name = "p"\n  policy = <<EOT\n${line.repeat(Math.ceil(bytes / line.length))}EOT\n}\n`;
  },
};

/** MB; the last stays just under the 16 MB cap for HCL files. */
const SIZES = [0.25, 0.5, 1, 2, 3, 8, 15.9];
/** The WASM parser is measured only up to here (beyond, it takes minutes or runs out of memory). */
const REFERENCE_MAX = 3;

const CHILD = `
const fs = require('fs');
require('tsx/cjs');
const [, which, file, root] = process.argv;
(async () => {
  const text = fs.readFileSync(file, 'utf8');
  // Modules loaded and the WASM runtime started before the clock starts: only the work on the file counts.
  const { loadInventory } = require(root + '/lib/policy');
  const reference = require('@cdktf/hcl2json');
  if (which !== 'ours') await reference.parse('w.tf', 'a = 1\\n');
  const t0 = process.hrtime.bigint();
  if (which === 'ours') await loadInventory({ cwd: require('path').dirname(file), terraform: [file] });
  else await reference.parse('x.tf', text);
  process.stdout.write(String(Number(process.hrtime.bigint() - t0) / 1e6));
})().catch((e) => { process.stdout.write('error: ' + String(e && e.message || e).split('\\n')[0].slice(0, 80)); });
`;

function measure(which: 'ours' | 'reference', file: string): string {
  const r = spawnSync(process.execPath, ['-e', CHILD, which, file, path.join(__dirname, '..')], { encoding: 'utf8', timeout: 180_000, cwd: path.join(__dirname, '..') });
  if (r.status !== 0 && !r.stdout) return r.signal ? `killed (${r.signal})` : `crashed (exit ${r.status}: ${(r.stderr.match(/fatal error: [^\n]*|Error: [^\n]*/) ?? ['?'])[0]})`;
  const ms = Number(r.stdout);
  return Number.isFinite(ms) ? (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`) : r.stdout;
}

function main(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-hcl-size-'));
  const rows = ['| shape | size | stateline (check load) | @cdktf/hcl2json (parse only) |', '|---|---:|---:|---:|'];
  try {
    for (const [shape, make] of Object.entries(SHAPES)) {
      for (const mb of SIZES) {
        const file = path.join(dir, `${shape.replace(/\W/g, '-')}-${mb}.tf`);
        fs.writeFileSync(file, make(mb * MB));
        const reference = mb <= REFERENCE_MAX ? measure('reference', file) : 'not run';
        rows.push(`| ${shape} | ${mb} MB | ${measure('ours', file)} | ${reference} |`);
        process.stderr.write(`${rows[rows.length - 1]}\n`);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`Node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}\n\n${rows.join('\n')}\n`);
}

main();
