// Generic forms: secrets recognised by where they are written rather than by a provider's
// prefix, kept precise by their context (a key that names a password, secret or token) and by
// placeholder and entropy checks. This file is the assignment detector: it finds `key = value`
// pairs once and also tries the providers' prefix-less formats (KeyedSpec) and shapes
// (ShapedValue) on them. Kubernetes Secrets, Authorization headers and JWTs are in forms.ts.
//
//   password / passwd / pwd / *_pass assignments    secret/generic-password
//   secret / token / api_key / … assignments        secret/generic-secret
//   64-hex private keys assigned to a *private key  secret/hex-private-key
import { ci, hasUpperAndLower, keyWords, token, type Anchor, type Detector, type RawHit, type ShapedValue } from '../detector-kit.js';
import { hasPlaceholderMarker, isLowEntropy, isPlaceholder, isPlaceholderPassword } from '../placeholder.js';
import { AI_KEYED, AI_PREFIXES } from './ai.js';
import { CLOUD_KEYED, CLOUD_PREFIXES, CLOUD_SHAPED } from './cloud.js';
import { DEV_PLATFORM_KEYED, DEV_PLATFORM_PREFIX, DEV_PLATFORM_SHAPED } from './dev-platforms.js';
import { MESSAGING_KEYED, MESSAGING_SHAPED } from './messaging.js';
import { PAYMENT_KEYED } from './payments.js';
import { FORM_DETECTORS } from './forms.js';
import { SOCIAL_KEYED, SOCIAL_SHAPED } from './social.js';

// ---- assignments ------------------------------------------------------------------------------

// Anchored on the assignment operator (= : > ), proved by a lookbehind on the last word of the
// key: punctuation is rare in text, so the pre-filter stays a scan for a few characters instead
// of a search for words (which would cost every letter of every file).
const KEY_END_WORDS = ['password', 'passwd', 'passphrase', 'pwd', 'pass', 'secret', 'token', 'key', 'keystring', 'value', 'default'];
const KEY_END = KEY_END_WORDS.map(ci).join('|');
const KEY_END_RE = new RegExp(`(?:${KEY_END_WORDS.join('|')})$`, 'i');
/** The key's last word, a quote, spaces. (A key with a word after the keyword, DB_PASSWORD_PROD, is not seen: allowing one doubled the cost of this anchor.) */
const BEFORE_OP = `(?:${KEY_END})["'\`]?[ \\t]*`;

const ASSIGN_ANCHORS: Anchor[] = [
  { at: '=', before: BEFORE_OP },
  { at: ':', before: BEFORE_OP },
];

function anchorRegex(anchors: readonly Anchor[]): RegExp {
  const esc = (c: string): string => (/[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c);
  return new RegExp(anchors.map((a) => `${esc(a.at)}${a.before ? `(?<=(?:${a.before})${esc(a.at)})` : ''}${a.after ? `(?=${a.after})` : ''}`).join('|'), 'g');
}

const ASSIGN_RE = anchorRegex(ASSIGN_ANCHORS);
/** [A-Za-z0-9_.-] by char code (the latin1 text's bytes). */
const KEY_CHARS = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-') KEY_CHARS[c.charCodeAt(0)] = 1;
const UNQUOTED = /[^\s"'`<]{0,1024}/y;

/** Key words that make the value something else: its hash, its file, its policy, its name. */
const DENY_LAST = new Set([
  'hash', 'hashed', 'digest', 'salt', 'checksum', 'sha', 'md5', 'bcrypt', 'policy', 'regex', 'pattern', 'length', 'len', 'strength',
  'expiry', 'expires', 'expiration', 'expire', 'ttl', 'lifetime', 'age', 'field', 'fields', 'label', 'placeholder', 'hint', 'prompt',
  'url', 'uri', 'endpoint', 'path', 'file', 'filename', 'dir', 'name', 'names', 'type', 'id', 'ids', 'ref', 'arn', 'env', 'var',
  'param', 'kind', 'alg', 'algorithm', 'enabled', 'required', 'provider', 'location', 'store', 'source', 'manager', 'mode', 'format',
  'header', 'prefix', 'count', 'min', 'max', 'size', 'version', 'index', 'limit', 'timeout', 'reset', 'changed', 'rotation',
  'error', 'errors', 'message', 'title', 'text', 'description', 'help', 'link', 'button', 'input', 'class', 'style', 'selector', 'visible',
  'char', 'chars', 'charset', 'characters', 'encoding', 'method', 'scheme', 'scope', 'scopes', 'audience', 'issuer', 'usage', 'lang',
]);
const DENY_FIRST = new Set(['get', 'set', 'has', 'is', 'should', 'validate', 'check', 'verify', 'show', 'toggle', 'use', 'forgot', 'reset', 'generate', 'on', 'handle', 'no', 'with']);

/** Keys that name something other than a secret (ids, user names, endpoints), for provider values. */
const NOT_SECRET_KEY = /(?:^|[^a-z])(?:id|ids|user|username|login|name|email|url|uri|host|endpoint|region|domain|account|org|organization|project|team|channel|guild|sid|tenant|subdomain|version|type)$/i;

const NOT_A_VALUE = /^(?:true|false|null|nil|none|undefined|yes|no|on|off|required|optional|string|str|int|integer|bool|boolean|number|text|hidden|bytes|object|any|secret|password|token|bearer|basic|oauth|sensitive|\d+(?:\.\d+)?)$/i;
const REFERENCE = /^[$%&@!|>{[(*]|\$\{|\{\{|#\{|<%|\$\(|%\(|^ENC\[|^(?:vault|arn|ref\+|op|env|secret|secrets|ssm|sm|awssm|gcpsm|azkv|kms|sops|file|keyring|keychain)(?::|\+)/i;
const PATH_LIKE = /^(?:\/|\.\.?\/|~\/)|\.(?:txt|json|ya?ml|pem|key|crt|cer|p12|pfx|env|conf|cfg|ini|properties|xml|toml|gpg|asc|enc)$/i;
/** An unquoted value that is code: a call or index, a member chain of words (config.db.password), a lone word. */
const CODE_EXPR = /[()[\]]|^[A-Za-z_$][A-Za-z_$]*(?:(?:\.|::|->)[A-Za-z_$][A-Za-z_$]*)+$|^[A-Za-z_$][A-Za-z_$]*$/;
const WORDISH = /^[a-z]+(?:[-_.: ][a-z]+)*$/i;

interface Assignment {
  /** The key, or for `value:` / `default =` the name it belongs to. */
  key: string;
  value: string;
  valueStart: number;
  quoted: boolean;
  /** The unquoted value is the start of an expression (a call, an index). */
  expr: boolean;
}

// Where `value:` / `default =` take their name from: a Kubernetes/compose env list
// (`- name: DB_PASSWORD` above `value: …`), an ECS task definition ({"name": …, "value": …}),
// a NuGet/XML <add key="…" value="…"/>, a Terraform `variable "db_password" { default = … }`.
const NAME_AT = /(?:name|key)["']?[ \t]*[:=][ \t]*["']?([A-Za-z0-9_.:-]{1,64})/iy;
const TF_VARIABLE_AT = /variable[ \t]+"([A-Za-z0-9_-]{1,64})"[ \t]*\{/y;

/** The name a `value:` / `default =` at `ks` belongs to, or null. */
function ownerName(text: string, ks: number, isDefault: boolean): string | null {
  if (isDefault) {
    const lo = Math.max(0, ks - 300);
    const window = text.slice(lo, ks);
    const w = window.lastIndexOf('variable');
    if (w < 0 || window.includes('}', w)) return null;
    const v = lo + w;
    TF_VARIABLE_AT.lastIndex = v;
    return TF_VARIABLE_AT.exec(text)?.[1] ?? null;
  }
  // Searched in a bounded window: lastIndexOf over the whole text would make a file of many
  // `value:` lines quadratic.
  const lo = Math.max(0, ks - 160);
  const window = text.slice(lo, ks);
  const w = Math.max(window.lastIndexOf('name'), window.lastIndexOf('Name'), window.lastIndexOf('key'));
  if (w < 0) return null;
  const at = lo + w;
  const between = window.slice(w);
  if (between.indexOf('\n') !== between.lastIndexOf('\n')) return null; // at most the line above
  NAME_AT.lastIndex = at;
  return NAME_AT.exec(text)?.[1] ?? null;
}

/** Parse `key <op> value` around the operator at `op`; null when it is not an assignment. */
function parseAssignment(text: string, op: number): Assignment | null {
  const c = text[op];
  let i = op;
  if (c === '=') {
    const prev = text[op - 1];
    if (text[op + 1] === '=' || prev === '!' || prev === '<' || prev === '>' || prev === '=' || prev === ':') return null; // comparisons, :=
    i += text[op + 1] === '>' ? 2 : 1;
  } else {
    if (text[op + 1] === ':' || text[op - 1] === ':') return null;
    i += text[op + 1] === '=' ? 2 : 1;
  }
  // The key: back over spaces and a quote, then identifier characters.
  let ke = op;
  while (ke > 0 && (text[ke - 1] === ' ' || text[ke - 1] === '\t')) ke--;
  if (ke > 0 && /["'`]/.test(text[ke - 1]!)) ke--;
  let ks = ke;
  while (ks > 0 && ke - ks < 64 && KEY_CHARS[text.charCodeAt(ks - 1)] === 1) ks--;
  let key = text.slice(ks, ke).replace(/^[.-]+|[.-]+$/g, '');
  if (!KEY_END_RE.test(key)) return null; // the pre-filter's positions are a superset (Detector.scanAt)
  if (/^(?:value|default)$/i.test(key)) {
    const owner = ownerName(text, ks, key.toLowerCase() === 'default');
    if (owner === null) return null;
    key = owner;
  }
  while (text[i] === ' ' || text[i] === '\t') i++;
  const q = text[i];
  let value: string;
  let valueStart: number;
  let quoted = false;
  let expr = false;
  if (q === '"' || q === "'" || q === '`') {
    let end = text.indexOf(q, i + 1);
    while (end > 0 && text[end - 1] === '\\' && end - i < 1024) end = text.indexOf(q, end + 1);
    if (end < 0 || end - i > 1024) return null;
    valueStart = i + 1;
    value = text.slice(valueStart, end);
    if (value.includes('\n')) return null;
    quoted = true;
  } else {
    UNQUOTED.lastIndex = i;
    UNQUOTED.test(text);
    const end = UNQUOTED.lastIndex;
    valueStart = i;
    value = text.slice(i, end).replace(/[,;)}\]]+$/, '');
    // An unquoted value running into a bracket is an expression (os.environ["X"], getenv("X")).
    // One running into a quote ends an enclosing string ("…?hapikey=<key>").
    if (/[([]/.test(text[end] ?? '') || text[i + value.length] === '(') expr = true;
  }
  if (value === '') return null;
  return { key, value, valueStart, quoted, expr };
}

const hasDigit = (v: string): boolean => /[0-9]/.test(v);
const hasSymbol = (v: string): boolean => /[^A-Za-z0-9]/.test(v);
const caseChanges = (v: string): number => {
  let n = 0;
  for (let i = 1; i < v.length; i++) if (/[a-z]/.test(v[i - 1]!) !== /[a-z]/.test(v[i]!)) n++;
  return n;
};

function isLiteralValue(a: Assignment): boolean {
  const v = a.value;
  if (a.expr || /\s/.test(v) || NOT_A_VALUE.test(v) || REFERENCE.test(v) || PATH_LIKE.test(v) || /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(v)) return false;
  if (!a.quoted && CODE_EXPR.test(v)) return false;
  if (v.toLowerCase() === a.key.toLowerCase()) return false;
  // base64 of a stand-in (Kubernetes data: Y2hhbmdlbWU= is "changeme").
  if (v.length >= 8 && v.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(v)) {
    const decoded = Buffer.from(v, 'base64').toString('latin1');
    if (/^[\x20-\x7e]+$/.test(decoded) && (isPlaceholderPassword(decoded) || hasPlaceholderMarker(decoded))) return false;
  }
  return true;
}

function isPasswordValue(v: string): boolean {
  if (v.length < 6 || v.length > 128 || knownPrefix(v) || DEV_PLATFORM_PREFIX.test(v)) return false;
  if (isPlaceholderPassword(v) || /^[0-9]+$/.test(v)) return false;
  if (!(hasDigit(v) || hasSymbol(v)) || !/[A-Za-z]/.test(v)) return false;
  return !isLowEntropy(v, Math.min(5, Math.ceil(v.length / 3)));
}

function isSecretValue(v: string): boolean {
  if (v.length < 12 || v.length > 512 || knownPrefix(v) || DEV_PLATFORM_PREFIX.test(v)) return false;
  if (isPlaceholder(v) || isPlaceholderPassword(v) || WORDISH.test(v)) return false;
  if (!hasDigit(v) && !(hasUpperAndLower(v) && caseChanges(v) >= v.length / 4)) return false;
  if (!/[A-Za-z]/.test(v)) return false;
  return !isLowEntropy(v, Math.min(10, Math.ceil(v.length / 2)));
}

/**
 * Prefixes of provider formats that have their own rule. A value that starts with one but that
 * rule did not take is a look-alike (wrong length or charset, a placeholder), not a generic secret.
 */
const KNOWN_PREFIX =
  /^(?:gh[pousr]_|github_pat_|gl[a-z]{1,6}-|npm_|xox[abposre]-|xapp-|[sr]k_(?:live|test)_|pk_(?:live|test)_|whsec_|A(?:KI|SI|BI|CC|GP|ID|IP|NP|NV|PK|RO|SC|GA)A|AIza|GOCSPX-|SG\.|SK[0-9a-f]|AC[0-9a-f]{8}|shp(?:at|ss|ca|pa)_|hf_|api_org_|do[opr]_v1_|pypi-|dckr_pat_|lin_api_|ops_|hv[sbr]\.|AGE-SECRET-KEY|sk-|xkeysib-|xsmtpsib-|key-[0-9a-f]|pat-(?:na|eu|ap)\d|dG9rO|sq0(?:atp|csp)-|EAA|FLW(?:SEC|PUB)K|shippo_|EZ[AT]K|AQVN|y[0-3]_|t1\.|(?:live|sandbox)_|access-(?:sandbox|development|production)-|eyJ|ZXlK|\d{8,10}:AA)|\.atlasv1\.|^[0-9a-f]{20,40}-us\d{1,2}$/;

/** The same for the formats of providers/cloud.ts and providers/ai.ts. */
const PROVIDER_PREFIX = new RegExp(`^(?:${CLOUD_PREFIXES}|${AI_PREFIXES})`);
const knownPrefix = (v: string): boolean => KNOWN_PREFIX.test(v) || PROVIDER_PREFIX.test(v);

const HEX_KEY = /^(?:0x)?[0-9a-fA-F]{64}$/;
const HEX_KEY_IN_LINE = /["'`](?:0x)?([0-9a-fA-F]{64})["'`]/d;

// ---- prefix-less provider credentials (KeyedSpec) ---------------------------------------------

const KEYED = [...CLOUD_KEYED, ...AI_KEYED, ...MESSAGING_KEYED, ...DEV_PLATFORM_KEYED, ...PAYMENT_KEYED, ...SOCIAL_KEYED].map((spec) => ({
  spec,
  name: new RegExp(`(?<![a-z0-9])(?:${spec.keywords})`),
  values: spec.values.map((v) => ({ v, re: new RegExp(`^(?:${v.re})$`) })),
}));

/** Any provider name, in lower-cased text: a cheap test before the per-provider word matches. */
const ANY_NAME = new RegExp(KEYED.map((k) => `(?:${k.spec.keywords})`).join('|'));

/** The key and the lines just above it (at most 3, 240 characters): where a provider's name counts. */
function nameContext(text: string, op: number, key: string): string {
  let above = text.slice(Math.max(0, op - 240), op);
  let nl = above.length;
  for (let k = 0; k < 4 && nl > 0; k++) nl = above.lastIndexOf('\n', nl - 1);
  if (nl > 0) above = above.slice(nl);
  return `${key} ${above}`;
}

/** A provider's prefix-less credential: its name near the key, its exact value shape. */
function keyedHit(text: string, op: number, a: Assignment): RawHit | null {
  const raw = nameContext(text, op, a.key);
  if (!ANY_NAME.test(raw.toLowerCase()) || NOT_SECRET_KEY.test(a.key) || isPlaceholder(a.value)) return null;
  const context = raw.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  for (const { spec, name, values } of KEYED) {
    if (!name.test(context)) continue;
    for (const { v, re } of values) {
      if (!re.test(a.value) || (v.key && !v.key.test(a.key)) || (v.test && !v.test(a.value))) continue;
      const hit: RawHit = { rule: spec.rule, start: a.valueStart, end: a.valueStart + a.value.length, message: v.message, priority: 2 };
      if (v.note) hit.note = v.note;
      return hit;
    }
  }
  return null;
}

/** A 64-hex private key assigned to a *private_key*, also inside Buffer.from('…', 'hex') and the like. */
function hexPrivateKey(text: string, a: Assignment, label: string): RawHit | null {
  let value = a.value;
  let start = a.valueStart;
  if (!HEX_KEY.test(value)) {
    const rest = text.slice(a.valueStart, a.valueStart + 300).split('\n', 1)[0]!;
    const h = HEX_KEY_IN_LINE.exec(rest);
    const idx = h?.indices?.[1];
    if (!h || !idx) return null;
    value = h[1]!;
    start = a.valueStart + idx[0];
  } else if (value.startsWith('0x')) {
    value = value.slice(2);
    start += 2;
  }
  if (isPlaceholder(value)) return null;
  return { rule: 'secret/hex-private-key', start, end: start + value.length, message: `Raw hex private key assigned to ${label}`, priority: 0 };
}

/** Shapes tried on every assigned literal (declared after the JWT helpers they use). */
const SHAPED = (): readonly ShapedValue[] => SHAPED_VALUES;

/** A value of a provider shape without an anchor of its own (ShapedValue). */
function shapedHit(a: Assignment): RawHit | null {
  for (const sv of SHAPED()) {
    if (!sv.re.test(a.value) || (sv.test && !sv.test(a.value))) continue;
    return { rule: sv.rule, start: a.valueStart, end: a.valueStart + a.value.length, message: typeof sv.message === 'string' ? sv.message : sv.message(a.value), priority: sv.priority ?? 2 };
  }
  return null;
}

/** A password or secret by the key's words and the value's shape (after the literal checks). */
function genericHit(words: string[], value: string, start: number, label: string): RawHit | null {
  if (DENY_LAST.has(words[words.length - 1] ?? '') || DENY_FIRST.has(words[0] ?? '')) return null;
  const joined = words.join('_');
  // Keys owned by a rule with an exact shape (AWS secret keys, Azure AccountKey=), and public keys.
  if ((/aws/.test(joined) && /secret/.test(joined)) || /^(?:account|shared_access)_key$/.test(joined) || words.includes('public') || words.includes('pub')) return null;
  if (/pass(?:word|wd)?$|pwd$|^pass|password|passwd/.test(joined.replace(/_/g, ''))) {
    return isPasswordValue(value) ? { rule: 'secret/generic-password', start, end: start + value.length, message: `Password assigned to ${label}`, priority: 0 } : null;
  }
  return isSecretValue(value) ? { rule: 'secret/generic-secret', start, end: start + value.length, message: `Secret assigned to ${label}`, priority: 0 } : null;
}

const assignments: Detector = {
  rule: 'secret/generic-secret',
  anchors: ASSIGN_ANCHORS,
  back: 0,
  scan(text, from, out) {
    const positions: number[] = [];
    ASSIGN_RE.lastIndex = from;
    let m: RegExpExecArray | null;
    while ((m = ASSIGN_RE.exec(text)) !== null) positions.push(m.index);
    this.scanAt!(text, positions, out);
  },
  scanAt(text, positions, out) {
    let last = -1;
    for (const op of positions) {
      const a = parseAssignment(text, op);
      if (!a || a.valueStart <= last) continue;
      last = a.valueStart;
      // Nothing reported here is shorter than a 6-character password or holds a space.
      if (a.value.length < 6 || /\s/.test(a.value)) continue;
      const words = keyWords(a.key);
      const joined = words.join('_');
      const label = a.key.length > 40 ? `${a.key.slice(0, 40)}…` : a.key;
      if (/priv(?:ate)?_?key|signing_?key|wallet_?key/.test(joined)) {
        const hit = hexPrivateKey(text, a, label);
        if (hit) {
          out.push(hit);
          continue;
        }
      }
      // Cheap literal checks first: most assignments are code or references.
      if (!isLiteralValue(a)) continue;
      const provider = shapedHit(a) ?? keyedHit(text, op, a);
      if (provider) {
        out.push(provider);
        continue;
      }
      const hit = genericHit(words, a.value, a.valueStart, label);
      if (hit) out.push(hit);
    }
  },
};

// <password>…</password>, <db.secret>…</db.secret> (Maven settings, Tomcat, Spring XML).
const XML_ELEMENT = /<([A-Za-z0-9_.:-]{0,40}?(?:[Pp]ass(?:word|wd)|PASS(?:WORD|WD)|[Ss]ecret|SECRET|[Tt]oken|TOKEN))>([^<\s]{6,256})<\/\1>/dg;
const xmlElement: Detector = {
  rule: 'secret/generic-password',
  anchors: [{ at: '>', before: '[Pp]ass(?:word|wd)|PASS(?:WORD|WD)|[Ss]ecret|SECRET|[Tt]oken|TOKEN' }],
  back: 48,
  scan(text, from, out) {
    XML_ELEMENT.lastIndex = from;
    let m: RegExpExecArray | null;
    while ((m = XML_ELEMENT.exec(text)) !== null) {
      const idx = m.indices?.[2];
      const value = m[2] ?? '';
      const key = m[1] ?? '';
      if (!idx || !isLiteralValue({ key, value, valueStart: idx[0], quoted: true, expr: false })) continue;
      const hit = genericHit(keyWords(key), value, idx[0], key.slice(0, 40));
      if (hit) out.push(hit);
    }
  },
};

const SHAPED_VALUES: readonly ShapedValue[] = [...CLOUD_SHAPED, ...MESSAGING_SHAPED, ...DEV_PLATFORM_SHAPED, ...SOCIAL_SHAPED];

export const GENERIC_DETECTORS: readonly Detector[] = [assignments, xmlElement, ...FORM_DETECTORS];
