/**
 * Renderers for the diagram: Graphviz DOT, SVG (Graphviz compiled to WebAssembly, offline,
 * in-process) and Mermaid (for PR comments; kept under GitHub's size limits).
 */
import type { CloudGraph, GraphGroup, GraphNode } from './model';

const COLORS = { aws: '#fff7e6', azure: '#e8f1fb', link: '#eef8ee', other: '#f4f4f4' } as const;
const BORDER = { aws: '#d98c00', azure: '#0a64c8', link: '#2e8b57', other: '#888888' } as const;
/** GitHub renders Mermaid up to ~50,000 characters and 500 edges. */
export const MERMAID_MAX_CHARS = 45000;

const dotEsc = (s: string) => s.replace(/\\(?!n)/g, '\\\\').replace(/"/g, '\\"');

function nodeLabel(n: GraphNode): string {
  return n.violations.length ? `${n.label}\\nVIOLATION: ${n.violations.join(', ')}` : n.label;
}

function children(g: CloudGraph, parent: string | undefined): GraphGroup[] {
  return g.groups.filter((x) => x.parent === parent);
}

export function renderDot(g: CloudGraph): string {
  const lines = ['digraph stateline {', '  rankdir=LR; compound=true; newrank=true;', '  graph [fontname="Helvetica", fontsize=12, labeljust=l];',
    '  node [shape=box, style="rounded,filled", fillcolor=white, fontname="Helvetica", fontsize=10];', '  edge [fontname="Helvetica", fontsize=9, color="#666666"];'];
  const emit = (grp: GraphGroup, indent: string) => {
    lines.push(`${indent}subgraph cluster_${grp.id} {`);
    lines.push(`${indent}  label="${dotEsc(grp.label)}"; style="rounded,filled"; fillcolor="${grp.parent ? 'white' : COLORS[grp.cloud]}"; color="${BORDER[grp.cloud]}"; penwidth=${grp.parent ? 1 : 2};`);
    for (const n of g.nodes.filter((x) => x.group === grp.id)) {
      const bad = n.violations.length > 0;
      lines.push(`${indent}  ${n.id} [label="${dotEsc(nodeLabel(n))}"${bad ? ', color="#d00000", fillcolor="#ffe0e0", fontcolor="#a00000", penwidth=2.5' : n.role === 'supporting' ? ', style="rounded,dashed", fontcolor="#666666"' : ''}];`);
    }
    for (const c of children(g, grp.id)) emit(c, `${indent}  `);
    lines.push(`${indent}}`);
  };
  for (const top of children(g, undefined)) emit(top, '  ');
  for (const e of g.edges) {
    const style = e.kind === 'request' ? 'color="#0a64c8", penwidth=2' : e.kind === 'link' ? 'color="#2e8b57", style=bold, dir=both' : e.kind === 'layout' ? 'style=invis' : 'style=dashed';
    lines.push(`  ${e.from} -> ${e.to} [${style}${e.label ? `, label="${dotEsc(e.label)}"` : ''}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

const mmEsc = (s: string) => s.replace(/\\n/g, '<br/>').replace(/"/g, '#quot;');

export function renderMermaid(g: CloudGraph): string {
  const lines = ['flowchart LR'];
  const emit = (grp: GraphGroup, indent: string) => {
    lines.push(`${indent}subgraph ${grp.id}["${mmEsc(grp.label)}"]`);
    for (const n of g.nodes.filter((x) => x.group === grp.id)) lines.push(`${indent}  ${n.id}["${mmEsc(nodeLabel(n))}"]${n.violations.length ? ':::violation' : ''}`);
    for (const c of children(g, grp.id)) emit(c, `${indent}  `);
    lines.push(`${indent}end`);
  };
  for (const top of children(g, undefined)) emit(top, '  ');
  for (const e of g.edges.filter((x) => x.kind !== 'layout').slice(0, 450)) {
    const arrow = e.kind === 'request' ? '==>' : e.kind === 'link' ? '<-->' : '-.->';
    lines.push(`  ${e.from} ${arrow}${e.label ? `|"${mmEsc(e.label)}"|` : ''} ${e.to}`);
  }
  lines.push('  classDef violation fill:#ffe0e0,stroke:#d00000,stroke-width:3px,color:#a00000');
  for (const top of children(g, undefined)) lines.push(`  style ${top.id} fill:${COLORS[top.cloud]},stroke:${BORDER[top.cloud]}`);
  const text = `${lines.join('\n')}\n`;
  if (text.length > MERMAID_MAX_CHARS) {
    // Too large for GitHub: keep the boundaries and violations only.
    const slim: CloudGraph = { groups: g.groups, nodes: g.nodes.filter((n) => n.violations.length > 0 || n.role === 'tunnel' || n.role === 'VPN gateway'), edges: g.edges.filter((e) => e.kind === 'link') };
    return renderMermaid(slim);
  }
  return text;
}

type VizInstance = { renderString(src: string, opts: { format: string; engine?: string }): string };
let viz: Promise<VizInstance> | undefined;

/** SVG via @viz-js/viz (Graphviz in WebAssembly): no browser, no system packages. */
export async function renderSvg(g: CloudGraph): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  viz ??= (require('@viz-js/viz') as { instance: () => Promise<VizInstance> }).instance();
  return (await viz).renderString(renderDot(g), { format: 'svg', engine: 'dot' });
}
