// The pieces every content detector is built from: the hit shape, anchors, and `token()` for the
// common case of one global regex per token shape. Provider families live in providers/*.ts and
// are registered by detectors.ts (which also owns the combined anchor pre-filter).
import { isPlaceholder } from './placeholder.js';
import type { SecretRuleId } from './rules.js';

export interface RawHit {
  rule: SecretRuleId;
  /** Byte range of the secret (used to resolve overlaps between rules). */
  start: number;
  end: number;
  /** Byte offset reported as line/column; defaults to `start`. */
  at?: number;
  /** The secret value when it is not simply bytes start..end (e.g. a PEM body without line breaks). */
  value?: string;
  message: string;
  /** On overlap the higher priority wins: 3 file-specific, 2 specific token, 1 generic shape, 0 a bare key = value assignment. */
  priority: number;
  /**
   * Set when the value is reported as a note rather than an error, saying why: a provider's test
   * or sandbox key, a restricted key, a public key that only identifies the account.
   */
  note?: string;
}

/**
 * Where a detector's secret can be recognised cheaply: the literal character `at`, proved by the
 * regex `before` (text ending just before it, checked by lookbehind) and/or `after` (lookahead).
 */
export interface Anchor {
  at: string;
  before?: string;
  after?: string;
  /**
   * Only for an anchor with `before` and no `after`: wherever its lookbehind holds, the lookbehind
   * of another such anchor on the same character holds too (test/secrets/prefilter.test.ts proves
   * it on the regexes). The combined pre-filter regex then leaves this one out: it stops there
   * anyway, and this anchor's own check still runs at every stop.
   */
  subsumed?: boolean;
}

export interface Detector {
  rule: SecretRuleId;
  anchors: Anchor[];
  /**
   * Literal strings that also trigger the detector (found with indexOf, at the literal's
   * start): for a fixed part made of letters ("AQVN", "dG9rO", "Bearer "), where a character
   * anchor on a letter would cost the pre-filter every occurrence of that letter.
   */
  literals?: string[];
  /** How far before an anchor position a match may begin. */
  back: number;
  scan(text: string, from: number, out: RawHit[]): void;
  /**
   * Optional: scan only at the given anchor positions, for detectors whose anchors are common
   * enough that rescanning the text would cost a second pass (the assignment detector, on = and
   * :). The positions are every place the pre-filter matched the anchor's character, in order:
   * a superset of the detector's own anchors, which it must re-check.
   */
  scanAt?(text: string, positions: readonly number[], out: RawHit[]): void;
}

export interface TokenSpec {
  rule: SecretRuleId;
  anchors: Anchor[];
  literals?: string[];
  back: number;
  /** Global regex; with `group` it must also carry the `d` flag. */
  re: RegExp;
  group?: number;
  /** Characters of the match that are a fixed prefix (ignored by the placeholder check). */
  prefix?: number;
  message: string | ((m: RegExpExecArray, text: string) => string);
  validate?: (value: string, m: RegExpExecArray, text: string) => boolean;
  priority?: number;
  /** False when `validate` does its own placeholder check (the format itself repeats characters). */
  placeholderCheck?: boolean;
  /** A reason to report this match as a note (see RawHit.note), or undefined for an error. */
  note?: (value: string, m: RegExpExecArray) => string | undefined;
}

export function token(spec: TokenSpec): Detector {
  const { re, group = 0 } = spec;
  if (!re.global) throw new Error(`detector ${spec.rule}: regex must be global`);
  if (group !== 0 && !re.hasIndices) throw new Error(`detector ${spec.rule}: regex with a group needs the d flag`);
  return {
    rule: spec.rule,
    anchors: spec.anchors,
    ...(spec.literals ? { literals: spec.literals } : {}),
    back: spec.back,
    scan(text, from, out) {
      re.lastIndex = from;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) !== null) {
        let start = m.index;
        let value = m[0];
        if (group !== 0) {
          const idx = m.indices?.[group];
          const g = m[group];
          if (idx === undefined || g === undefined) continue;
          start = idx[0];
          value = g;
        }
        const body = spec.prefix ? value.slice(spec.prefix) : value;
        if (spec.placeholderCheck !== false && isPlaceholder(body)) continue;
        if (spec.validate && !spec.validate(value, m, text)) continue;
        const hit: RawHit = {
          rule: spec.rule,
          start,
          end: start + value.length,
          message: typeof spec.message === 'string' ? spec.message : spec.message(m, text),
          priority: spec.priority ?? 2,
        };
        const note = spec.note?.(value, m);
        if (note !== undefined) hit.note = note;
        out.push(hit);
      }
    },
  };
}

export const hasUpperAndLower = (s: string): boolean => /[A-Z]/.test(s) && /[a-z]/.test(s);

/** Case-insensitive source for a literal word without the `i` flag: "bot" → "[Bb][Oo][Tt]". */
export function ci(word: string): string {
  let out = '';
  for (const c of word) {
    const lo = c.toLowerCase();
    const up = c.toUpperCase();
    out += lo !== up ? `[${up}${lo}]` : /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
  }
  return out;
}

/** A key's words, lower-case: "DISCORD_CLIENT_SECRET" and "discordClientSecret" → discord, client, secret. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export interface KeyedValue {
  /** Regex source of the whole value (no capture groups). */
  re: string;
  /** The key (or, for `value:` / `default =`, the name it belongs to) must match this, e.g. /secret/i. */
  key?: RegExp;
  message: string;
  note?: string;
  /** Extra check on the value (entropy, character mix). */
  test?: (value: string) => boolean;
}

export interface KeyedSpec {
  rule: SecretRuleId;
  /**
   * Provider names as a regex source over lower-case words (e.g. 'linked[_ -]?in'); one must
   * start a word in the key or in the few lines above the value.
   */
  keywords: string;
  values: KeyedValue[];
}

/**
 * A provider credential without a prefix of its own, recognised by the provider's name in the
 * key or the lines just above it (`DISCORD_CLIENT_SECRET=…`, `twitter:\n  consumer_secret: …`)
 * and by the value's exact shape. Not a detector by itself: the assignment detector
 * (providers/generic.ts) finds `key = value` pairs once, and tries every KeyedSpec on each.
 */
export const keyed = (spec: KeyedSpec): KeyedSpec => spec;

/**
 * A provider value recognised by its shape alone, but only where it is assigned to a key (the
 * assignment detector tries these on every literal it sees): for fixed parts made of letters
 * ("dG9rO", "AQVN"), which a character anchor would make the pre-filter pay for on every
 * occurrence of that letter.
 */
export interface ShapedValue {
  rule: SecretRuleId;
  /** Regex that must match the whole value. */
  re: RegExp;
  test?: (value: string) => boolean;
  message: string | ((value: string) => string);
  priority?: number;
}

