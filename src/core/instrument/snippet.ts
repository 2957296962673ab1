// Short one-line labels for callbacks ("() => console.log('a')"), cut from the ORIGINAL source. Only the first
// ~40 characters are ever looked at, so a 500-line callback costs the same as a one-liner.

export const SNIPPET_MAX = 40;
const ELLIPSIS = '…';

/**
 * The expression starting at `offset`, whitespace and comments collapsed, cut at SNIPPET_MAX characters.
 * The expression ends at a `,` `)` `]` `}` or `;` outside brackets and strings.
 */
export function snippetAt(text: string, offset: number, max = SNIPPET_MAX): string {
  let out = '';
  let depth = 0;
  let pendingSpace = false;
  const emit = (chunk: string): boolean => {
    if (pendingSpace && out.length > 0) out += ' ';
    pendingSpace = false;
    out += chunk;
    return out.length <= max;
  };
  for (let i = offset; i < text.length; ) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      pendingSpace = true;
      i++;
    } else if (ch === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
      pendingSpace = true;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
      pendingSpace = true;
    } else if (ch === '"' || ch === "'" || ch === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== ch) j += text[j] === '\\' ? 2 : 1;
      if (!emit(text.slice(i, j + 1).replace(/\s+/g, ' '))) break;
      i = j + 1;
    } else {
      if (depth === 0 && (ch === ',' || ch === ')' || ch === ']' || ch === '}' || ch === ';')) break;
      if (ch === '(' || ch === '[' || ch === '{') depth++;
      else if (ch === ')' || ch === ']' || ch === '}') depth--;
      if (!emit(ch)) break;
      i++;
    }
  }
  return out.length > max ? out.slice(0, max - 1).trimEnd() + ELLIPSIS : out;
}
