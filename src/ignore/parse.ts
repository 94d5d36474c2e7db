// Reading an ignore file the way Docker does (moby/patternmatcher/ignorefile.ReadAll), keeping
// the line number of every rule so each decision can be explained.
import { InputError } from '../errors.js';
import { goClean } from '../paths.js';

/** A bad ignore file is bad input like any other: an InputError (the CLI's exit 2), with its file and line. */
export class IgnoreFileError extends InputError {
  constructor(
    readonly file: string,
    readonly line: number | null,
    message: string,
  ) {
    super(`${file}${line !== null ? `:${line}` : ''}: ${message}`);
    this.name = 'IgnoreFileError';
  }
}

/** A rule as ReadAll returns it: text (with a leading "!" for exceptions) and its origin. */
export interface RawRule {
  /** The normalised pattern exactly as Docker passes it on, e.g. "!web/src". */
  text: string;
  /** 1-based line in the ignore file. */
  line: number;
  /** The line as written (without line ending). */
  raw: string;
}

// Go's unicode.IsSpace. JS String#trim differs: it strips U+FEFF and keeps U+0085.
function isGoSpace(cp: number): boolean {
  if (cp <= 0xff) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) || cp === 0x85 || cp === 0xa0;
  return (
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000
  );
}

/** Go's strings.TrimSpace. */
export function goTrimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end) {
    const cp = s.codePointAt(start)!;
    if (!isGoSpace(cp)) break;
    start += cp > 0xffff ? 2 : 1;
  }
  while (end > start) {
    const cp = s.charCodeAt(end - 1);
    if (!isGoSpace(cp)) break; // no astral code point is a space
    end--;
  }
  return s.slice(start, end);
}

// bufio.Scanner's default limit: a line that does not fit in 64 KiB aborts the read.
const MAX_LINE_BYTES = 64 * 1024;

/**
 * Parse ignore-file bytes. Throws IgnoreFileError where Docker fails to read the file.
 * The lone-"!" error is raised later by the matcher, as in Docker.
 */
export function readIgnoreFile(data: Uint8Array, file: string): RawRule[] {
  const bytes = data;
  // The BOM is trimmed from the first line after it was read, so it counts towards the limit.
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  const rules: RawRule[] = [];
  let lineNo = 0;
  let start = 0;
  while (start < bytes.length) {
    const lineStart = start;
    let nl = bytes.indexOf(0x0a, start);
    const last = nl < 0;
    if (last) nl = bytes.length;
    if (nl - start >= MAX_LINE_BYTES) {
      throw new IgnoreFileError(file, lineNo + 1, 'line too long (bufio.Scanner: token too long)');
    }
    let end = nl;
    if (end > start && bytes[end - 1] === 0x0d) end--; // ScanLines drops one trailing CR
    const raw = decoder.decode(bytes.subarray(lineStart === 0 ? bom : start, end));
    start = nl + 1;
    lineNo++;
    if (raw.startsWith('#')) continue; // a comment only when "#" is in column 1
    let pattern = goTrimSpace(raw);
    if (pattern === '') continue;
    const invert = pattern.startsWith('!');
    if (invert) pattern = goTrimSpace(pattern.slice(1));
    if (pattern.length > 0) {
      pattern = goClean(pattern);
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    }
    rules.push({ text: invert ? '!' + pattern : pattern, line: lineNo, raw });
  }
  return rules;
}
