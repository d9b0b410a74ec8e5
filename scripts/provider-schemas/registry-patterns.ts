/**
 * The CloudFormation registry schemas' `pattern`s as JavaScript regular expressions. The
 * registry's patterns are meant for ECMA-262 (JSON Schema) but are written for, and enforced by,
 * Java's and Python's engines: many escape punctuation needlessly (`\:`, `\/`, `\_`, legal only
 * without the `u` flag), a few end with `\Z` or start with `\A`, and a handful use syntax no
 * JavaScript engine has (inline flags `(?s)`, POSIX classes `\p{Graph}`, `\x{60}`, a quantified
 * quantifier `*{1,1000}`).
 *
 * A pattern is kept only when it means the same in JavaScript: `\A` becomes `^` and `\Z`/`\z`
 * become `$` outside character classes; escaped letters must be ones JavaScript reads alike
 * (`\d \w \s \b \n \t \x41 \u0041`, and `\p{L}`-style general categories); no nested class (`[[A-Z]_]`, a union in Java, a literal
 * `[` in JavaScript), class intersection (`&&`) or `{,n}` quantifier; and it must compile with the
 * `u` flag or, failing that and holding no `\p{...}` (whose meaning the flag changes), without
 * it. Anything else is dropped (the generator reports how many) rather than guessed.
 * @see https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html
 */

/** A translated pattern: the RegExp source and flags to compile it with. */
export interface JsPattern {
  readonly source: string;
  readonly flags: 'u' | '';
}

/** Escaped letters JavaScript reads as Java and Python do (the others are checked below). */
const SAME_LETTERS = new Set('dDwWsSbBnrtfv'.split(''));

/** The pattern as JavaScript, or the reason it cannot be one. */
export function jsPattern(pattern: string): JsPattern | { readonly dropped: string } {
  let out = '';
  let inClass = false;
  let needsUnicode = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '[' && inClass) return { dropped: 'nests a character class (Java syntax: a union, a literal [ in JavaScript)' };
    if (c === '[') {
      inClass = true;
      if (pattern[i + 1] === ']' || pattern.startsWith('^]', i + 1)) return { dropped: 'starts a character class with ]' };
    } else if (c === ']' && inClass) inClass = false;
    else if (c === '&' && inClass && pattern[i + 1] === '&') return { dropped: 'intersects character classes (&&, Java syntax)' };
    else if (c === '{' && !inClass && pattern[i + 1] === ',') return { dropped: 'has a {,n} quantifier (literal text in JavaScript)' };
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = pattern[i + 1];
    if (e === undefined) return { dropped: 'ends with a lone backslash' };
    i++;
    if (!/[A-Za-z]/.test(e)) {
      out += `\\${e}`;
      continue;
    }
    if (!inClass && e === 'A') out += '^';
    else if (!inClass && (e === 'Z' || e === 'z')) out += '$';
    else if (SAME_LETTERS.has(e)) out += `\\${e}`;
    else if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(pattern.slice(i + 1, i + 3))) out += '\\x';
    else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(pattern.slice(i + 1, i + 5))) out += '\\u';
    else if ((e === 'p' || e === 'P') && /^\{[A-Z][a-z]?\}/.test(pattern.slice(i + 1))) {
      // A Unicode general category (\p{L}, \p{Zs}): the same in both; Java's POSIX names
      // (\p{Graph}, \p{Lower}: ASCII-only there) are not.
      needsUnicode = true;
      out += `\\${e}`;
    } else return { dropped: `uses \\${e}, which JavaScript reads differently` };
  }
  try {
    new RegExp(out, 'u');
    return { source: out, flags: 'u' };
  } catch {
    if (needsUnicode) return { dropped: 'needs the u flag for \\p{...} but does not compile with it' };
  }
  try {
    new RegExp(out);
    return { source: out, flags: '' };
  } catch (e) {
    return { dropped: `does not compile in JavaScript (${(e as Error).message})` };
  }
}
