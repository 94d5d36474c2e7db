// Instruction flags: dockerfile-ast locates them; the value is unquoted like BuildKit's
// extractBuilderFlags and checked against each instruction's flag set (instructions/parse.go).
// Also Go encoding/csv for RUN --mount values.
import type { Flag as AstFlag, Instruction as AstInstruction } from 'dockerfile-ast';
import { escapeRegExp, lineOf, type SourceText } from './source-text.js';

export type FlagSpec = Record<string, 'string' | 'strings' | 'bool'>;

export const COPY_FLAGS: FlagSpec = {
  chown: 'string',
  from: 'string',
  chmod: 'string',
  link: 'bool',
  exclude: 'strings',
  parents: 'bool',
};
export const ADD_FLAGS: FlagSpec = {
  chown: 'string',
  chmod: 'string',
  link: 'bool',
  exclude: 'strings',
  'keep-git-dir': 'bool',
  checksum: 'string',
  unpack: 'bool',
};

interface ParsedFlag {
  name: string;
  value: string | null;
  line: number;
}

/** extractBuilderFlags applied to one flag word: quotes removed, backslash escapes one char. */
export function unquoteFlagWord(word: string): { text: string; ok: boolean } {
  let out = '';
  let quote: string | null = null;
  let dangling = false;
  for (let i = 0; i < word.length; i++) {
    const ch = word[i]!;
    if (quote !== null) {
      if (ch === quote) {
        quote = null;
        continue;
      }
      if (ch === '\\') {
        if (i + 1 === word.length) {
          dangling = true;
          continue;
        }
        out += word[++i]!;
        continue;
      }
      out += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      continue;
    }
    if (ch === '\\') {
      if (i + 1 === word.length) {
        dangling = true; // escapes the whitespace after the word: BuildKit keeps going
        continue;
      }
      out += word[++i]!;
      continue;
    }
    out += ch;
  }
  return { text: out, ok: quote === null && !dangling };
}

/** Go encoding/csv for one RUN --mount value (Comma ',', no lazy quotes). */
export function parseCsvRecord(s: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (s[i] === '"') {
      let f = '';
      i++;
      for (;;) {
        if (i >= s.length) throw new Error('extraneous or missing " in quoted-field');
        const ch = s[i]!;
        if (ch === '"') {
          if (s[i + 1] === '"') {
            f += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        f += ch;
        i++;
      }
      if (i < s.length && s[i] !== ',') throw new Error('extraneous or missing " in quoted-field');
      fields.push(f);
    } else {
      const end = s.indexOf(',', i);
      const f = end < 0 ? s.slice(i) : s.slice(i, end);
      if (f.includes('"')) throw new Error('bare " in non-quoted-field');
      fields.push(f);
      i = end < 0 ? s.length : end;
    }
    if (i >= s.length) return fields;
    i++; // ','
  }
}

/** The flags of one instruction, by name (each value in order); problems go to `error`. */
export function parseFlags(
  ins: AstInstruction,
  spec: FlagSpec,
  src: SourceText,
  escape: string,
  error: (line: number, message: string) => void,
): Map<string, string[]> {
  const line = lineOf(ins);
  const getFlags = (ins as unknown as { getFlags?: () => AstFlag[] }).getFlags;
  const out = new Map<string, string[]>();
  if (typeof getFlags !== 'function') return out;
  const parsed: ParsedFlag[] = [];
  for (const f of getFlags.call(ins)) {
    const range = f.getRange();
    const raw = src.slice(range);
    const endAt = src.offset(range.end);
    const after = src.text.slice(endAt, endAt + 64);
    const { text, ok } = unquoteFlagWord(raw);
    // The flag must end at whitespace or a line continuation; anything else means
    // dockerfile-ast split a quoted/escaped value that BuildKit keeps as one word.
    const ends = after === '' || /^\s/.test(after) || new RegExp(`^${escapeRegExp(escape)}[ \\t]*(\\r?\\n|$)`).test(after);
    if (!ok || !ends) {
      error(line, `flag ${raw} has a quoted or escaped value containing whitespace, which is not modelled`);
    }
    const body = text.startsWith('--') ? text.slice(2) : text;
    const eq = body.indexOf('=');
    parsed.push({ name: eq < 0 ? body : body.slice(0, eq), value: eq < 0 ? null : body.slice(eq + 1), line });
  }
  for (const f of parsed) {
    const kind = spec[f.name];
    if (kind === undefined) {
      error(line, `unknown flag: ${f.name}`);
      continue;
    }
    const list = out.get(f.name) ?? [];
    if (kind === 'bool') {
      const v = f.value === null ? 'true' : f.value.toLowerCase();
      if (v !== 'true' && v !== 'false') error(line, `expecting boolean value for flag ${f.name}, not: ${f.value}`);
      list.push(v);
    } else {
      if (f.value === null) {
        error(line, `missing a value on flag: ${f.name}`);
        continue;
      }
      if (kind === 'string' && list.length > 0) error(line, `duplicate flag specified: ${f.name}`);
      list.push(f.value);
    }
    out.set(f.name, list);
  }
  return out;
}
