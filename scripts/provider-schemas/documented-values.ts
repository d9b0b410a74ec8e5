/**
 * Enumerations a provider documents in prose: "Possible values are `Static` or `Dynamic`."
 * Read from the cdktf binding's doc comments (providers whose schema carries descriptions) and
 * from the provider's registry documentation (`website/docs/r/*.html.markdown`), which is where
 * SDKv2 providers such as azurerm state them.
 *
 * Conservative on purpose: only sentences that state the complete set ("Possible values are",
 * "Valid values are", "Valid options are", "Allowed values are", "Accepted values are",
 * "Supported values are", "must be one of", "can be one of", "Possible value is"); never
 * "include" (often a partial list), and never a sentence about a range, a format or examples.
 */
import * as fs from 'fs';
import * as path from 'path';

const LEAD_RE = /(?:possible values are|valid values are|valid options are|possible options are|allowed values are|accepted values are|supported values are|must be one of|can be one of|possible value is)\b:?/i;

/**
 * The values of the first enumeration sentence in `text`, or undefined. The sentence ends at the
 * first period outside backticks; every value must be in backticks, separated only by commas,
 * "and", "or".
 */
export function documentedValues(text: string): string[] | undefined {
  const re = new RegExp(LEAD_RE.source, 'gi');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const values = sentenceValues(text.slice(m.index + m[0].length));
    if (values) return values;
  }
  return undefined;
}

/** The backticked values of the sentence `rest` starts, when it is nothing but a list of them. */
function sentenceValues(rest: string): string[] | undefined {
  let end = rest.length;
  let inTick = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === '`') inTick = !inTick;
    else if (!inTick && (c === '\n' || (c === '.' && !/\d/.test(rest[i + 1] ?? '')))) {
      end = i;
      break;
    }
  }
  const sentence = rest.slice(0, end);
  const values: string[] = [];
  const glue = sentence.replace(/`([^`]*)`/g, (_, v: string) => {
    // A value never ends in a period: "`Microsoft.Network/networkWatchers.`" is a typo in the docs.
    values.push(v.trim().replace(/\.$/, ''));
    return ' ';
  });
  // Only separators may remain between the values: anything else ("between", "(default)", "e.g.")
  // means the sentence is not a plain closed list.
  if (values.length === 0 || glue.replace(/\b(?:and|or)\b/gi, '').replace(/[\s,;:]/g, '') !== '') return undefined;
  if (values.some((v) => v === '' || v.includes('...') || v.includes('*') || v.length > 100)) return undefined;
  return [...new Set(values)];
}

/** A documented enumeration: the nested block it belongs to (`''` top level), the attribute and its values. */
export interface DocEnum {
  readonly block: string;
  readonly attribute: string;
  readonly values: readonly string[];
}

const ITEM_RE = /^\*\s+`([a-z0-9_]+)`\s+-\s+(.*)$/;
const BLOCK_HEADER_RE = /^(?:an?|the|each)\s+`([a-z0-9_]+)`\s+(?:block|object)\b/i;

/**
 * Enumerations of one registry documentation page, from its arguments section only (attributes
 * exported after apply are not inputs). Items under "A `x` block supports the following:" belong
 * to block `x`; items before any such header to the resource itself.
 */
export function markdownEnums(markdown: string): DocEnum[] {
  const out: DocEnum[] = [];
  let inArguments = false;
  let block = '';
  let item: { attribute: string; text: string } | undefined;
  const flush = () => {
    if (!item) return;
    const values = documentedValues(item.text);
    if (values) out.push({ block, attribute: item.attribute, values });
    item = undefined;
  };
  for (const raw of markdown.split('\n')) {
    const line = raw.trim();
    if (/^##\s/.test(line)) {
      flush();
      inArguments = /^##\s+arguments?\s+reference/i.test(line);
      block = '';
      continue;
    }
    if (!inArguments) continue;
    const header = BLOCK_HEADER_RE.exec(line);
    if (header && !line.startsWith('*')) {
      flush();
      block = header[1];
      continue;
    }
    const m = ITEM_RE.exec(line);
    if (m) {
      flush();
      item = { attribute: m[1], text: m[2] };
    } else if (item && line && !line.startsWith('~>') && !line.startsWith('->') && line !== '---') {
      item.text += ` ${line}`;
    } else if (!line || line.startsWith('~>') || line.startsWith('->') || line === '---') {
      flush();
    }
  }
  flush();
  return out;
}

/**
 * Documented enumerations of a provider's registry documentation folder (`website/docs`):
 * `r/<name>.html.markdown` for resources, `d/` for data sources, keyed by the full type name.
 */
export function readDocsFolder(dir: string, provider: string): { resources: Map<string, DocEnum[]>; dataSources: Map<string, DocEnum[]> } {
  const read = (sub: string) => {
    const out = new Map<string, DocEnum[]>();
    const folder = path.join(dir, sub);
    if (!fs.existsSync(folder)) return out;
    for (const f of fs.readdirSync(folder).sort()) {
      const m = /^(.+)\.html\.markdown$|^(.+)\.md$/.exec(f);
      if (!m) continue;
      const enums = markdownEnums(fs.readFileSync(path.join(folder, f), 'utf8'));
      if (enums.length) out.set(`${provider}_${m[1] ?? m[2]}`, enums);
    }
    return out;
  };
  return { resources: read('r'), dataSources: read('d') };
}
