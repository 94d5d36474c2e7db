// Source text helpers for the Dockerfile parser: offsets from dockerfile-ast positions
// (TextDocument line breaks are \r\n|\r|\n) and BuildKit's joining of continuation lines.
import type { Instruction as AstInstruction } from 'dockerfile-ast';

export interface Pos {
  line: number;
  character: number;
}
export interface Rng {
  start: Pos;
  end: Pos;
}

export class SourceText {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      } else if (c === 10) {
        this.starts.push(i + 1);
      }
    }
  }

  offset(p: Pos): number {
    const start = this.starts[Math.min(p.line, this.starts.length - 1)] ?? 0;
    return Math.min(start + p.character, this.text.length);
  }

  slice(r: Rng): string {
    return this.text.slice(this.offset(r.start), this.offset(r.end));
  }
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Join a multi-line slice the way BuildKit's parser joins continuation lines: drop the escape
 * token (and trailing blanks) before each line break, skip comment and empty continuation lines.
 */
export function joinContinuations(raw: string, escape: string): string {
  const lines = raw.split(/\r\n|\r|\n/);
  const trailing = new RegExp(`${escapeRegExp(escape)}[ \\t]*$`);
  let out = '';
  lines.forEach((line, i) => {
    if (i > 0 && (/^[ \t]*#/.test(line) || line.trim() === '')) return;
    out += i < lines.length - 1 ? line.replace(trailing, '') : line;
  });
  return out;
}

/** 1-based first line of an instruction. */
export function lineOf(ins: AstInstruction): number {
  return ins.getRange().start.line + 1;
}
