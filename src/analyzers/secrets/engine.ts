// Per-file scanning: binary check, the anchor pre-filter, detectors, overlap resolution,
// inline allow comments, then positions, masking and fingerprints.
import { findTriggers, runDetectors, type RawHit } from './detectors.js';
import type { PathClass } from './file-rules.js';
import type { SecretHit } from './types.js';
import { sha256Hex } from '../../util/sha256.js';

const BINARY_PROBE = 8192;
const ALLOW = 'ctxcheck:allow';
/**
 * `ctxcheck:allow` allows every hit on its line, `ctxcheck:allow-next-line` every hit on the
 * next line; either may name the rules it allows (`ctxcheck:allow secret/aws-access-key`,
 * several separated by commas or spaces, `secret/*` for all), so one allowed key does not hide
 * another on the same line.
 */
const ALLOW_COMMENT = /ctxcheck:allow(-next-line)?((?:[ \t]*,?[ \t]*secret\/(?:[a-z0-9-]+|\*))*)/g;

/** What the allow comments in one line say: per target line ('same' or 'next'), the rules (null = all). */
interface LineAllows {
  same: Set<string> | null | undefined;
  next: Set<string> | null | undefined;
}

function lineAllows(line: string): LineAllows {
  const out: LineAllows = { same: undefined, next: undefined };
  ALLOW_COMMENT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ALLOW_COMMENT.exec(line)) !== null) {
    const which = m[1] ? 'next' : 'same';
    const rules = m[2]!.match(/secret\/(?:[a-z0-9-]+|\*)/g);
    if (!rules || rules.includes('secret/*')) out[which] = null;
    else if (out[which] !== null) out[which] = new Set([...(out[which] ?? []), ...rules]);
  }
  return out;
}

const allows = (scope: Set<string> | null | undefined, rule: string): boolean => scope === null || (scope !== undefined && scope.has(rule));

export function fingerprint(rule: string, path: string, value: string): string {
  return sha256Hex(`${rule}\0${path}\0${value}`).slice(0, 16);
}

/** At most the first 4 characters of the secret (a quarter of it when shorter than 16), then '…'. */
export function maskValue(value: string): string {
  const chars = Array.from(value);
  const n = Math.min(4, Math.floor(chars.length / 4));
  return `${chars.slice(0, n).join('')}\u2026`;
}

export function isBinary(bytes: Uint8Array): boolean {
  const probe = bytes.length > BINARY_PROBE ? bytes.subarray(0, BINARY_PROBE) : bytes;
  return probe.indexOf(0) >= 0;
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The text the detectors scan. latin1: one byte per character, so indexes are byte offsets and the decode is a copy. */
export function textView(bytes: Uint8Array): string {
  return toBuffer(bytes).toString('latin1');
}

/** Drop hits that overlap a higher-priority hit, and exact duplicates. */
function resolveOverlaps(raw: RawHit[]): RawHit[] {
  if (raw.length < 2) return raw;
  raw.sort((a, b) => a.start - b.start || b.priority - a.priority);
  const dropped = new Set<RawHit>();
  let active: RawHit[] = [];
  for (const h of raw) {
    active = active.filter((k) => k.end > h.start && !dropped.has(k));
    if (active.some((k) => k.priority > h.priority || (k.rule === h.rule && k.start === h.start))) {
      dropped.add(h);
      continue;
    }
    // A higher-priority hit evicts the lower-priority ones it overlaps.
    for (const k of active) if (k.priority < h.priority) dropped.add(k);
    active.push(h);
  }
  return dropped.size === 0 ? raw : raw.filter((h) => !dropped.has(h));
}

export interface ContentResult {
  hits: SecretHit[];
  /** Hits an allow comment silenced (reported as suppressed, never as findings). */
  allowed: SecretHit[];
  /** Rules that produced content hits, allowed ones included (a name hit of the same rule is then redundant). */
  rules: Set<string>;
  /** The latin1 text view, for name-rule confirmations. */
  text: string;
}

/** Scan the text of one file. The caller has checked it is not binary. */
export function scanText(path: string, bytes: Uint8Array, cls: PathClass | null): ContentResult {
  const buf = toBuffer(bytes);
  const text = textView(bytes);
  const raw: RawHit[] = [];
  const triggers = findTriggers(text);
  if (triggers) runDetectors(text, triggers, raw);
  cls?.file?.scan(text, raw);
  if (raw.length === 0) return { hits: [], allowed: [], rules: new Set(), text };

  const resolved = resolveOverlaps(raw);
  const hasAllow = text.includes(ALLOW);
  const positioned = resolved.map((h) => ({ h, at: h.at ?? h.start })).sort((a, b) => a.at - b.at);

  const hits: SecretHit[] = [];
  const allowed: SecretHit[] = [];
  const rules = new Set<string>();
  let line = 1;
  let lineStart = 0;
  let prevLineStart = -1;
  for (const { h, at } of positioned) {
    // Advance the line counter to `at`.
    for (;;) {
      const nl = text.indexOf('\n', lineStart);
      if (nl < 0 || nl >= at) break;
      prevLineStart = lineStart;
      lineStart = nl + 1;
      line++;
    }
    // Recorded even when allowed: an allowed key in id_rsa must not come back as a name hit.
    rules.add(h.rule);
    let isAllowed = false;
    if (hasAllow) {
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) lineEnd = text.length;
      isAllowed = allows(lineAllows(text.slice(lineStart, lineEnd)).same, h.rule) || (prevLineStart >= 0 && allows(lineAllows(text.slice(prevLineStart, lineStart)).next, h.rule));
    }
    const value = h.value ?? buf.toString('utf8', h.start, h.end);
    (isAllowed ? allowed : hits).push({
      rule: h.rule,
      kind: 'content',
      path,
      line,
      column: buf.toString('utf8', lineStart, at).length + 1,
      excerpt: maskValue(value),
      message: h.message,
      fingerprint: fingerprint(h.rule, path, value),
      ...(h.note !== undefined ? { note: h.note } : {}),
    });
  }
  return { hits, allowed, rules, text };
}

export function nameHit(rule: string, path: string, message: string, symlink: boolean): SecretHit {
  const hit: SecretHit = { rule, kind: 'name', path, message: symlink ? `${message} (symlink)` : message, fingerprint: fingerprint(rule, path, '') };
  if (symlink) hit.symlink = true;
  return hit;
}
