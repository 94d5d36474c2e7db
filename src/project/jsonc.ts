// JSON with comments, as VS Code and the Dev Containers spec read devcontainer.json: `//` and
// `/* */` comments and trailing commas before `]` or `}` are allowed.
//
// Comments and trailing commas are blanked (newlines kept), so offsets in JSON.parse's error
// still point at the right line of the original text.
import { lineOf } from './names.js';

export class JsoncError extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
    this.name = 'JsoncError';
  }
}

function blank(s: string): string {
  return s.replace(/[^\n]/g, ' ');
}

/** The text with comments and trailing commas replaced by spaces. Throws JsoncError for an unterminated comment or string. */
export function stripJsonc(text: string): string {
  let out = '';
  let i = 0;
  // Index in `out` of a comma that may turn out to be trailing, or -1.
  let pendingComma = -1;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length || text[j] === '\n') throw new JsoncError('unterminated string', lineOf(text, i));
      out += text.slice(i, j + 1);
      pendingComma = -1;
      i = j + 1;
      continue;
    }
    if (ch === '/' && text[i + 1] === '/') {
      let j = text.indexOf('\n', i);
      if (j < 0) j = text.length;
      out += blank(text.slice(i, j));
      i = j;
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      const j = text.indexOf('*/', i + 2);
      if (j < 0) throw new JsoncError('unterminated /* comment', lineOf(text, i));
      out += blank(text.slice(i, j + 2));
      i = j + 2;
      continue;
    }
    if (ch === ',') {
      pendingComma = out.length;
      out += ch;
      i++;
      continue;
    }
    if ((ch === ']' || ch === '}') && pendingComma >= 0) {
      out = out.slice(0, pendingComma) + ' ' + out.slice(pendingComma + 1);
    }
    if (!/\s/.test(ch)) pendingComma = -1;
    out += ch;
    i++;
  }
  return out;
}

/** Parse JSONC. Throws JsoncError with a 1-based line. */
export function parseJsonc(text: string): unknown {
  const clean = stripJsonc(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  try {
    return JSON.parse(clean) as unknown;
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const line = pos ? lineOf(clean, Number(pos[1])) : 1;
    throw new JsoncError(msg.replace(/^JSON\.parse: /, ''), line);
  }
}
