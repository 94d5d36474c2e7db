// Content detectors: the token shapes found in any text file.
//
// Speed design. Every detector names one or more *anchors*: a literal character inside the
// secret's fixed part, proved by a lookbehind and/or lookahead, e.g. `_` preceded by
// `gh[pousr]` for GitHub tokens. All anchors are joined into ONE regex (per character, the
// lookbehinds of all detectors merged into one alternation); irregexp scans it fast because
// every alternative starts with one of a few characters. Only when an anchor matches does its
// detector run, and then only from just before the first anchor (`back` characters) to the
// end of the text. Text is a latin1 view of the bytes, so string indexes are byte offsets and
// nothing is decoded unless something is found.
import { hasUpperAndLower, token, type Anchor, type Detector, type RawHit } from './detector-kit.js';
import { isLowEntropy, isPlaceholder, isPlaceholderPassword } from './placeholder.js';
import { AI_DETECTORS } from './providers/ai.js';
import { CLOUD_DETECTORS } from './providers/cloud.js';
import { DEV_PLATFORM_DETECTORS } from './providers/dev-platforms.js';
import { GENERIC_DETECTORS } from './providers/generic.js';
import { MESSAGING_DETECTORS } from './providers/messaging.js';
import { PAYMENT_DETECTORS } from './providers/payments.js';
import { SOCIAL_DETECTORS } from './providers/social.js';

export type { Anchor, Detector, RawHit } from './detector-kit.js';


// ---- private keys -----------------------------------------------------------------------------

const PEM_BEGIN = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----/g;

/** Base64 payload of a PEM body: literal \n escapes and "Header: value" lines dropped. */
export function pemPayload(raw: string): string {
  const lines = raw.replace(/\\[nr]/g, '\n').split(/[\r\n]+/);
  let out = '';
  for (const line of lines) {
    if (out === '' && line.includes(':')) continue; // Proc-Type:, DEK-Info:, Version:, Comment:
    out += line.replace(/[^A-Za-z0-9+/=]/g, '');
  }
  return out;
}

/** Is this PEM body a real key rather than "MIIE...", "<your key>" or a run of placeholder text? */
export function isRealPemBody(raw: string, payload: string): boolean {
  if (payload.length < 64) return false;
  // Markers long enough not to occur by chance in a 1-3 KB random base64 body.
  if (/\.\.\.|\u2026|[<>]|\$\{|\{\{|x{8,}|example|your[-_ ]?(?:private[-_ ]?)?key/i.test(raw)) return false;
  return !isLowEntropy(payload, 16);
}

/** Where a PEM body ends when there is no END line: the first line that is not base64-ish. */
function unterminatedBodyEnd(text: string, from: number, stop: number): number {
  const limit = Math.min(stop, from + 16_384);
  let pos = from;
  let seenData = false;
  while (pos < limit) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0 || nl > limit) nl = limit;
    const line = text.slice(pos, nl);
    const b64 = line.replace(/\\[nr]/g, '').replace(/[^A-Za-z0-9+/=]/g, '').length;
    if (line.trim() !== '') {
      if (b64 >= 16 && b64 >= line.trim().length * 0.6) seenData = true;
      else if (seenData || !line.includes(':')) return pos;
    }
    pos = nl + 1;
  }
  return limit;
}

const privateKeyPem: Detector = {
  rule: 'secret/private-key',
  anchors: [{ at: '-', before: 'PRIVATE KEY|PRIVATE KEY BLOCK' }],
  back: 80,
  scan(text, from, out) {
    PEM_BEGIN.lastIndex = from;
    // Next END / BEGIN markers, found once and reused while they lie ahead (linear overall,
    // even for a file made of thousands of BEGIN lines).
    let nextEnd = -1;
    let nextBegin = -1;
    let m: RegExpExecArray | null;
    while ((m = PEM_BEGIN.exec(text)) !== null) {
      const headerEnd = m.index + m[0].length;
      if (nextEnd !== text.length && nextEnd < headerEnd) {
        nextEnd = text.indexOf('-----END ', headerEnd);
        if (nextEnd < 0) nextEnd = text.length;
      }
      if (nextBegin !== text.length && nextBegin < headerEnd) {
        nextBegin = text.indexOf('-----BEGIN ', headerEnd);
        if (nextBegin < 0) nextBegin = text.length;
      }
      const terminated = nextEnd < text.length && nextEnd < nextBegin && nextEnd - headerEnd <= 65_536;
      const bodyEnd = terminated ? nextEnd : unterminatedBodyEnd(text, headerEnd, nextBegin);
      PEM_BEGIN.lastIndex = Math.max(PEM_BEGIN.lastIndex, bodyEnd);
      const raw = text.slice(headerEnd, bodyEnd);
      const payload = pemPayload(raw);
      if (!isRealPemBody(raw, payload)) continue;
      const kind = (m[1] ?? '').trim();
      const encrypted = /ENCRYPTED/.test(kind) || /Proc-Type:\s*4,ENCRYPTED/.test(raw);
      const label = kind.replace(/\s*ENCRYPTED\s*/, '') || (m[2] ? 'PGP' : 'PKCS#8');
      out.push({
        rule: 'secret/private-key',
        start: m.index,
        end: bodyEnd,
        value: payload,
        message: `${encrypted ? 'Encrypted private key' : 'Private key'} (${label} PEM block)`,
        priority: 2,
      });
    }
  },
};

const PUTTY_HEADER = /PuTTY-User-Key-File-\d+: *[^\r\n]*/g;
const PUTTY_PRIVATE = /Private-Lines: *\d+\r?\n((?:[A-Za-z0-9+/=]+\r?\n?){1,200})/dy;
const privateKeyPutty: Detector = {
  rule: 'secret/private-key',
  anchors: [{ at: '-', before: 'PuTTY-User-Key-File' }],
  back: 20,
  scan(text, from, out) {
    PUTTY_HEADER.lastIndex = from;
    let nextPrivate = -1;
    let m: RegExpExecArray | null;
    while ((m = PUTTY_HEADER.exec(text)) !== null) {
      const after = m.index + m[0].length;
      if (nextPrivate !== text.length && nextPrivate < after) {
        nextPrivate = text.indexOf('Private-Lines:', after);
        if (nextPrivate < 0) nextPrivate = text.length;
      }
      if (nextPrivate - after > 4000) continue;
      PUTTY_PRIVATE.lastIndex = nextPrivate;
      const p = PUTTY_PRIVATE.exec(text);
      const idx = p?.indices?.[1];
      const payload = (p?.[1] ?? '').replace(/\s+/g, '');
      if (!idx || payload.length < 32 || isLowEntropy(payload, 16)) continue;
      out.push({ rule: 'secret/private-key', start: m.index, end: idx[1], value: payload, message: 'Private key (PuTTY .ppk format)', priority: 2 });
      PUTTY_HEADER.lastIndex = Math.max(PUTTY_HEADER.lastIndex, idx[1]);
    }
  },
};

// ---- Google Cloud service-account keys (the other cloud formats: providers/cloud.ts) --------

const GCP_TYPE = /"type"\s*:\s*"service_account"/;
const GCP_PRIVATE_KEY = /"private_key"\s*:\s*"((?:[^"\\]|\\.){0,16384})"/dg;
const gcpServiceAccount: Detector = {
  rule: 'secret/gcp-service-account',
  anchors: [{ at: '_', before: 'service', after: 'account' }],
  back: 8,
  scan(text, _from, out) {
    if (!GCP_TYPE.test(text)) return;
    GCP_PRIVATE_KEY.lastIndex = 0; // the key may come before "type"
    let m: RegExpExecArray | null;
    while ((m = GCP_PRIVATE_KEY.exec(text)) !== null) {
      const v = m[1] ?? '';
      const idx = m.indices?.[1];
      const begin = /-----BEGIN [A-Z ]*PRIVATE KEY-----/.exec(v);
      if (!idx || !begin) continue;
      const endAt = v.indexOf('-----END ', begin.index);
      const raw = v.slice(begin.index + begin[0].length, endAt >= 0 ? endAt : v.length);
      const payload = pemPayload(raw);
      if (!isRealPemBody(raw, payload)) continue;
      out.push({
        rule: 'secret/gcp-service-account',
        start: idx[0],
        end: idx[1],
        at: m.index,
        value: payload,
        message: 'Google Cloud service-account key (JSON with a private_key)',
        priority: 3,
      });
    }
  },
};

// Source hosting, package registries and other developer platforms: providers/dev-platforms.ts.

// ---- other SaaS (AI providers: providers/ai.ts) ---------------------------------------------------------------------

const ageKey = token({
  rule: 'secret/age-key',
  anchors: [{ at: '-', before: 'AGE-SECRET-KEY' }],
  back: 15,
  re: /AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}/g,
  prefix: 16,
  message: 'age secret key',
});

// ---- generic shapes ---------------------------------------------------------------------------

/** " (host db.internal)" for a plain host name; nothing for anything that could carry a token. */
export function hostLabel(host: string): string {
  return /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.){0,8}[A-Za-z0-9-]{1,63}$/.test(host) && host.length <= 100 ? ` (host ${host})` : '';
}

/** RFC 2606/6761 documentation names: example.com/.net/.org, *.example, *.test, *.invalid. */
const isDocumentationHost = (host: string): boolean => /(?:^|\.)example(?:\.(?:com|net|org))?$|\.(?:test|invalid)$/i.test(host.replace(/:\d+$/, ''));

const URL_CREDS = /:\/\/([^ \t\r\n/?#@:'"<>`\\]{0,256}):([^ \t\r\n/?#@'"<>`\\]{1,256})@([^ \t\r\n/?#@'"<>`\\:;,)\]]{1,256})/dg;
const SCHEME_BEFORE = /([A-Za-z][A-Za-z0-9+.-]{0,30})$/;

const urlPassword: Detector = {
  rule: 'secret/url-password',
  // Only "://, then up to 513 characters of user:password, then @": the password's colon is not
  // looked for. With it (`{0,256}:{1,256}`) the lookbehind backtracked over every colon in the run
  // before each `@`: a minified file of `a:a:…@` took 361 ms per MB in the pre-filter (2.4 ms for
  // source text). Now each `@` costs at most one backward pass over its run (the class excludes
  // `@`, so runs never overlap), and URL_CREDS below checks the colon.
  anchors: [{ at: '@', before: ':\\/\\/[^ \\t\\r\\n\\/@]{1,513}' }],
  back: 520,
  scan(text, from, out) {
    URL_CREDS.lastIndex = from;
    let m: RegExpExecArray | null;
    while ((m = URL_CREDS.exec(text)) !== null) {
      const user = m[1] ?? '';
      const pass = m[2] ?? '';
      const host = m[3] ?? '';
      const idx = m.indices?.[2];
      const scheme = SCHEME_BEFORE.exec(text.slice(Math.max(0, m.index - 31), m.index))?.[1];
      if (!idx || !scheme || host === '') continue;
      if (pass.length < 3 || isPlaceholderPassword(pass, user) || pass === 'x-oauth-basic' || isDocumentationHost(host)) continue;
      if (user === '' && pass.includes(':')) continue; // cvs://:pserver:anoncvs@host, not a password
      out.push({
        rule: 'secret/url-password',
        start: idx[0],
        end: idx[1],
        at: m.index - scheme.length,
        message: `Password embedded in a ${scheme.toLowerCase()}:// URL${hostLabel(host)}`,
        priority: 1,
      });
    }
  },
};

// JDBC ?password=/;password=, ADO.NET "…; Password=…;" (spaces after the separator are allowed).
const QUERY_PASSWORD = /[?&;][ \t]*(?:password|passwd|pwd)[ \t]*=[ \t]*([^&\s'"#<>`;]+)/dgi;
const queryPassword = token({
  rule: 'secret/url-password',
  // Implied by the assignment anchor's `password =` (providers/generic.ts): left out of the combined
  // regex, where its `[ \t]*` on both sides cost 16 ms of the `=` part on the bench corpus.
  anchors: [{ at: '=', before: '[?&;][ \\t]*(?:[Pp]assword|[Pp]asswd|[Pp]wd|PASSWORD|PASSWD|PWD)[ \\t]*', subsumed: true }],
  back: 16,
  re: QUERY_PASSWORD,
  group: 1,
  priority: 1,
  message: 'Password in a URL query string or connection string',
  validate: (v) => !isPlaceholderPassword(v),
});

/** Every content detector, in reporting order. */
export const DETECTORS: readonly Detector[] = [
  privateKeyPem,
  privateKeyPutty,
  gcpServiceAccount,
  urlPassword,
  queryPassword,
  ageKey,
  ...CLOUD_DETECTORS,
  ...AI_DETECTORS,
  ...MESSAGING_DETECTORS,
  ...DEV_PLATFORM_DETECTORS,
  ...PAYMENT_DETECTORS,
  ...SOCIAL_DETECTORS,
  ...GENERIC_DETECTORS,
];

// ---- the combined anchor pre-filter -----------------------------------------------------------

interface AnchorEntry {
  detector: number;
  sticky: RegExp;
  /** The detector takes every anchor position (Detector.scanAt). */
  positional: boolean;
  /** See PreAnchor.shift. */
  shift: number;
}

const escapeChar = (c: string): string => (/[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c);

function anchorSource(a: Anchor): string {
  const c = escapeChar(a.at);
  return `${c}${a.before ? `(?<=(?:${a.before})${c})` : ''}${a.after ? `(?=${a.after})` : ''}`;
}

/** A detector's anchor as the pre-filter runs it: `shift` > 0 for a literal found through one of its characters. */
interface PreAnchor extends Anchor {
  detector: number;
  /** The trigger position is the anchor's minus this (the literal's start). */
  shift: number;
}

/** Characters some detector anchors on: the pre-filter regex stops at each of them anyway. */
const ANCHOR_CHARS = new Set(DETECTORS.flatMap((d) => d.anchors.map((a) => a.at)));
/**
 * For a literal trigger, the position of the character the pre-filter could find it through:
 * the last one that is already an anchor character (so the regex gains no new stopping points,
 * only one more alternative at a character it checks anyway), or -1.
 */
export function literalAnchorAt(literal: string): number {
  for (let k = literal.length - 1; k >= 0; k--) if (ANCHOR_CHARS.has(literal[k]!)) return k;
  return -1;
}

const escapeLiteral = (s: string): string => Array.from(s, escapeChar).join('');

const PRE_ANCHORS: PreAnchor[] = [];
/**
 * Literal triggers (Detector.literals) that contain no anchor character: detector index, the
 * string, and the part of it searched for with indexOf. indexOf stops at every occurrence of the
 * searched part's first character, so a literal that starts with a lower-case letter ("cmVmdG")
 * is searched from its first capital or digit ("VmdG", measured 3x faster on the bench corpus)
 * and then checked whole. A literal that does contain an anchor character ("AKCp", ".atlasv1.")
 * joins the pre-filter regex instead: each indexOf is a pass over the whole text (4 ms per 50 MB
 * for a rare first character, 20 ms for "."), the regex visits every character once anyway.
 */
const LITERALS: { detector: number; literal: string; search: string; offset: number }[] = [];
for (const [i, d] of DETECTORS.entries()) {
  for (const a of d.anchors) {
    if (a.at.length !== 1) throw new Error(`anchor must be one character: ${a.at}`);
    PRE_ANCHORS.push({ ...a, detector: i, shift: 0 });
  }
  for (const literal of d.literals ?? []) {
    const at = literalAnchorAt(literal);
    if (at >= 0) {
      const before = literal.slice(0, at);
      const after = literal.slice(at + 1);
      PRE_ANCHORS.push({ at: literal[at]!, ...(before ? { before: escapeLiteral(before) } : {}), ...(after ? { after: escapeLiteral(after) } : {}), detector: i, shift: at });
      continue;
    }
    const k = /^[a-z]/.test(literal) ? literal.search(/[A-Z0-9]/) : 0;
    const offset = k > 0 && literal.length - k >= 3 ? k : 0;
    LITERALS.push({ detector: i, literal, search: literal.slice(offset), offset });
  }
}

function findLiteral(text: string, literal: string, search: string, offset: number): number {
  let i = text.indexOf(search, offset);
  while (i >= 0 && offset > 0 && !text.startsWith(literal, i - offset)) i = text.indexOf(search, i + 1);
  return i < 0 ? -1 : i - offset;
}

/** The pre-filter's anchors by character, in the order the characters first occur. */
const PRE_BY_CHAR = new Map<string, PreAnchor[]>();
for (const a of PRE_ANCHORS) {
  let list = PRE_BY_CHAR.get(a.at);
  if (!list) PRE_BY_CHAR.set(a.at, (list = []));
  list.push(a);
}

const BY_CHAR = new Map<string, AnchorEntry[]>(
  [...PRE_BY_CHAR].map(([at, list]) => [at, list.map((a) => ({ detector: a.detector, sticky: new RegExp(anchorSource(a), 'y'), positional: DETECTORS[a.detector]!.scanAt !== undefined, shift: a.shift }))]),
);

/**
 * The one pre-filter regex. Per anchor character, the lookbehinds of all detectors are merged
 * into a single lookbehind alternation: irregexp then checks each candidate character once,
 * dispatching on the characters before it, instead of trying every detector in turn.
 */
function combinedAnchors(): RegExp {
  const parts: string[] = [];
  for (const [at, list] of PRE_BY_CHAR) {
    const c = escapeChar(at);
    const alts: string[] = [];
    const plain = list.filter((a) => a.before && !a.after && !a.subsumed).map((a) => a.before);
    if (plain.length > 0) alts.push(`(?<=(?:${plain.join('|')})${c})`);
    // Lookahead-only anchors whose lookaheads open with the same character class share it: one
    // `(?=[…]{6}(?:…|…))` instead of two lookaheads, each run at every occurrence of the character
    // (on `.`: the Discord bot token and the Airtable token, measured 70 → 51 ms on the bench corpus).
    const shared = new Map<string, string[]>();
    for (const a of list) {
      if (a.after && !a.before) {
        const split = leadingClass(a.after);
        if (split) {
          const rests = shared.get(split.head) ?? [];
          rests.push(split.rest);
          shared.set(split.head, rests);
          continue;
        }
      }
      if (a.after) alts.push(`${a.before ? `(?<=(?:${a.before})${c})` : ''}(?=${a.after})`);
      else if (!a.before) alts.push('');
    }
    for (const [head, rests] of shared) alts.push(rests.length === 1 ? `(?=${head}${rests[0]})` : `(?=${head}(?:${rests.join('|')}))`);
    parts.push(alts.length === 1 ? `${c}${alts[0]}` : `${c}(?:${alts.join('|')})`);
  }
  return new RegExp(parts.join('|'), 'g');
}

/**
 * A regex source's leading character class with its counted quantifier (`[A-Za-z0-9_-]{6}`) and
 * the rest, or null when it does not start that way (or the rest would quantify it further).
 */
export function leadingClass(src: string): { head: string; rest: string } | null {
  if (!src.startsWith('[') || src.startsWith('[^')) return null;
  let i = 1;
  while (i < src.length && src[i] !== ']') i += src[i] === '\\' ? 2 : 1;
  if (i >= src.length) return null;
  const q = /^\{\d+(?:,\d*)?\}/.exec(src.slice(i + 1));
  const end = i + 1 + (q ? q[0].length : 0);
  const rest = src.slice(end);
  if (/^[?*+{]/.test(rest) || hasTopLevelAlternation(src)) return null;
  return { head: src.slice(0, end), rest };
}

/** Does the source have a `|` outside every group and class (so that a prefix of it is not a prefix of each alternative)? */
function hasTopLevelAlternation(src: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

export const ANCHORS = combinedAnchors();

/** What the pre-filter found: per detector the first anchor position (or -1), and for detectors with `scanAt`, every one. */
export interface Triggers {
  first: Int32Array;
  all: (number[] | null)[];
}

/** No detector triggered yet. */
const noTriggers = (): Triggers => ({ first: new Int32Array(DETECTORS.length).fill(-1), all: new Array<number[] | null>(DETECTORS.length).fill(null) });

/**
 * Run the pre-filter over `text`. Cost: one regex pass; anchors are rare in ordinary source.
 * Detectors with `scanAt` get every anchor position, so they never rescan the text.
 */
export function findTriggers(text: string): Triggers | null {
  let triggers: Triggers | null = null;
  ANCHORS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ANCHORS.exec(text)) !== null) {
    const at = m.index;
    const list = BY_CHAR.get(text[at] ?? '');
    if (!list) continue;
    for (const e of list) {
      // An anchor sets a detector's first position once; a literal's start (at - shift) may lie
      // before a trigger already found, so it is still checked then.
      const first = triggers ? triggers.first[e.detector]! : -1;
      if (first !== -1 && !e.positional && first <= at - e.shift) continue;
      // A positional detector re-checks each position itself (Detector.scanAt), which is
      // cheaper than a sticky regex per position.
      if (!e.positional) {
        e.sticky.lastIndex = at;
        if (!e.sticky.test(text)) continue;
      }
      triggers ??= noTriggers();
      const start = at - e.shift;
      if (first === -1 || start < first) triggers.first[e.detector] = start;
      if (e.positional) (triggers.all[e.detector] ??= []).push(at);
    }
  }
  for (const { detector, literal, search, offset } of LITERALS) {
    const at = findLiteral(text, literal, search, offset);
    if (at < 0) continue;
    triggers ??= noTriggers();
    const prev = triggers.first[detector]!;
    if (prev === -1 || at < prev) triggers.first[detector] = at;
  }
  return triggers;
}

/** Run the detectors that `findTriggers` selected. */
export function runDetectors(text: string, triggers: Triggers, out: RawHit[]): void {
  for (let i = 0; i < DETECTORS.length; i++) {
    const at = triggers.first[i] ?? -1;
    if (at < 0) continue;
    const d = DETECTORS[i]!;
    const all = triggers.all[i];
    if (d.scanAt && all) d.scanAt(text, all, out);
    else d.scan(text, Math.max(0, at - d.back), out);
  }
}
