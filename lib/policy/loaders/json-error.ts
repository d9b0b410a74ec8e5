/**
 * Where a JSON text stops being valid. V8's JSON.parse messages do not always carry a position
 * ("Unexpected token '}', ... is not valid JSON"), so on failure this small iterative scanner
 * finds the offset of the first error (or the end of the text, for truncated input).
 * It runs only after JSON.parse failed, never on the happy path.
 */

const WS = new Set([' ', '\t', '\n', '\r']);
const LITERAL_RE = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/;

/** Offset of the first syntax error, or `text.length` when the text ends too early. */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  // Each frame: what the enclosing container expects next.
  const stack: Array<'obj-key' | 'obj-colon' | 'obj-next' | 'arr-value' | 'arr-next'> = [];
  const skip = () => {
    while (i < text.length && WS.has(text[i])) i++;
  };
  const readString = (): boolean => {
    i++;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i++;
        return true;
      }
      if (c === '\\') i++;
      else if (c < ' ') return false;
      i++;
    }
    return false;
  };
  let expectValue = true;
  for (;;) {
    skip();
    if (i >= text.length) return text.length;
    const c = text[i];
    if (expectValue) {
      if (c === '{') {
        i++;
        skip();
        if (text[i] === '}') {
          i++;
          expectValue = false;
        } else stack.push('obj-key');
        if (stack[stack.length - 1] === 'obj-key') {
          skip();
          if (i >= text.length) return i;
          if (text[i] !== '"' || !readString()) return i;
          stack[stack.length - 1] = 'obj-colon';
          skip();
          if (i >= text.length) return i;
          if (text[i] !== ':') return i;
          i++;
          stack[stack.length - 1] = 'obj-next';
        }
        continue;
      }
      if (c === '[') {
        i++;
        skip();
        if (text[i] === ']') {
          i++;
          expectValue = false;
        } else stack.push('arr-next');
        continue;
      }
      if (c === '"') {
        if (!readString()) return Math.min(i, text.length);
      } else {
        const m = LITERAL_RE.exec(text.slice(i, i + 64));
        if (!m) return i;
        i += m[0].length;
      }
      expectValue = false;
      continue;
    }
    // After a value: close a container, or a comma.
    const top = stack[stack.length - 1];
    if (top === undefined) return i; // trailing garbage
    if (c === ',') {
      i++;
      if (top === 'obj-next') {
        skip();
        if (i >= text.length) return i;
        if (text[i] !== '"' || !readString()) return i;
        skip();
        if (i >= text.length) return i;
        if (text[i] !== ':') return i;
        i++;
      }
      expectValue = true;
      continue;
    }
    if ((c === '}' && top === 'obj-next') || (c === ']' && top === 'arr-next')) {
      i++;
      stack.pop();
      skip();
      if (stack.length === 0 && i >= text.length) return i;
      continue;
    }
    return i;
  }
}
