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
import { isLowEntropy, isPlaceholder, isPlaceholderPassword } from './placeholder.js';
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
  /** On overlap the higher priority wins: 3 file-specific, 2 specific token, 1 generic. */
  priority: number;
}

/**
 * Where a detector's secret can be recognised cheaply: the literal character `at`, proved by the
 * regex `before` (text ending just before it, checked by lookbehind) and/or `after` (lookahead).
 */
export interface Anchor {
  at: string;
  before?: string;
  after?: string;
}

export interface Detector {
  rule: SecretRuleId;
  anchors: Anchor[];
  /** How far before an anchor position a match may begin. */
  back: number;
  scan(text: string, from: number, out: RawHit[]): void;
}

interface TokenSpec {
  rule: SecretRuleId;
  anchors: Anchor[];
  back: number;
  /** Global regex; with `group` it must also carry the `d` flag. */
  re: RegExp;
  group?: number;
  /** Characters of the match that are a fixed prefix (ignored by the placeholder check). */
  prefix?: number;
  message: string | ((m: RegExpExecArray, text: string) => string);
  validate?: (value: string, m: RegExpExecArray, text: string) => boolean;
  priority?: number;
}

function token(spec: TokenSpec): Detector {
  const { re, group = 0 } = spec;
  if (!re.global) throw new Error(`detector ${spec.rule}: regex must be global`);
  if (group !== 0 && !re.hasIndices) throw new Error(`detector ${spec.rule}: regex with a group needs the d flag`);
  return {
    rule: spec.rule,
    anchors: spec.anchors,
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
        if (isPlaceholder(body)) continue;
        if (spec.validate && !spec.validate(value, m, text)) continue;
        out.push({
          rule: spec.rule,
          start,
          end: start + value.length,
          message: typeof spec.message === 'string' ? spec.message : spec.message(m, text),
          priority: spec.priority ?? 2,
        });
      }
    },
  };
}

const hasUpperAndLower = (s: string): boolean => /[A-Z]/.test(s) && /[a-z]/.test(s);

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

// ---- cloud providers --------------------------------------------------------------------------

const AWS_ID = /(?<![A-Za-z0-9])A[KS]IA[A-Z0-9]{16}(?![A-Za-z0-9])/g;
/** A 40-character base64 word later on the same line as an access key id (CSV exports, scripts). */
const AWS_PAIRED_SECRET = /[^\r\n]{0,160}?(?<![A-Za-z0-9/+=])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dy;

const isAwsSecret = (v: string): boolean => hasUpperAndLower(v) && /[0-9/+]/.test(v) && !isPlaceholder(v);

const awsAccessKey: Detector = {
  rule: 'secret/aws-access-key',
  anchors: [{ at: 'I', before: 'A[KS]', after: 'A' }],
  back: 3,
  scan(text, from, out) {
    AWS_ID.lastIndex = from;
    let m: RegExpExecArray | null;
    while ((m = AWS_ID.exec(text)) !== null) {
      const id = m[0];
      if (isPlaceholder(id.slice(4))) continue;
      const temporary = id.startsWith('ASIA');
      out.push({
        rule: 'secret/aws-access-key',
        start: m.index,
        end: m.index + id.length,
        message: temporary ? 'AWS temporary access key id (ASIA…)' : 'AWS access key id (AKIA…)',
        priority: 2,
      });
      AWS_PAIRED_SECRET.lastIndex = m.index + id.length;
      const p = AWS_PAIRED_SECRET.exec(text);
      const idx = p?.indices?.[1];
      if (p && idx && p[1] && isAwsSecret(p[1])) {
        out.push({ rule: 'secret/aws-secret-key', start: idx[0], end: idx[1], message: 'AWS secret access key (next to an access key id)', priority: 1 });
      }
    }
  },
};

// Starts at the separator after "secret" (or the K of camel-case "Key"), each proved by a
// lookbehind *after* that character, so the regex engine scans for one of three characters
// instead of trying a case-insensitive word (or a lookbehind) at every position.
const AWS_SECRET =
  /((?:[_-](?<=[Ss][Ee][Cc][Rr][Ee][Tt][_-])(?:[Aa][Cc][Cc][Ee][Ss][Ss][_-]?)?[Kk]|K(?<=[Ss]ecret(?:Access)?K))[Ee][Yy])["']?[ \t]*(?:=>|:=|[:=])?[ \t]*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dg;
const awsSecretKey = token({
  rule: 'secret/aws-secret-key',
  anchors: [
    { at: '_', before: '[Ss][Ee][Cc][Rr][Ee][Tt]' },
    { at: '-', before: '[Ss][Ee][Cc][Rr][Ee][Tt]' },
    { at: 'K', before: '[Ss]ecret|[Ss]ecretAccess' },
  ],
  back: 0,
  re: AWS_SECRET,
  group: 2,
  message: 'AWS secret access key',
  validate(value, m, text) {
    // "secret_access_key" is AWS's own spelling; a bare "secret_key" needs an aws prefix.
    const before = text.slice(Math.max(0, m.index - 16), m.index);
    const awsContext = /access/i.test(m[1] ?? '') || /access$/i.test(before) || /aws[_-]?secret$/i.test(before);
    return awsContext && isAwsSecret(value);
  },
});

const googleApiKey = token({
  rule: 'secret/google-api-key',
  anchors: [{ at: 'I', before: 'A', after: 'za' }],
  back: 1,
  re: /(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/g,
  prefix: 4,
  message: 'Google API key (AIza…)',
});

const googleOAuthSecret = token({
  rule: 'secret/google-oauth-secret',
  anchors: [{ at: '-', before: 'GOCSPX' }],
  back: 6,
  re: /(?<![A-Za-z0-9_-])GOCSPX-[A-Za-z0-9_-]{28}(?![A-Za-z0-9_-])/g,
  prefix: 7,
  message: 'Google OAuth client secret (GOCSPX-…)',
});

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

const azureStorageKey = token({
  rule: 'secret/azure-storage-key',
  anchors: [{ at: '=', before: 'AccountKey' }],
  back: 11,
  re: /AccountKey=([A-Za-z0-9+/]{86}==)/dg,
  group: 1,
  message: 'Azure storage account key (AccountKey= in a connection string)',
});

// ---- source hosting and package registries ----------------------------------------------------

const githubToken = token({
  rule: 'secret/github-token',
  anchors: [{ at: '_', before: 'gh[pousr]|github_pat' }],
  back: 11,
  re: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{50,255})(?![A-Za-z0-9_])/g,
  prefix: 4,
  message: (m) => {
    const p = m[0].slice(0, 4);
    const kind: Record<string, string> = { ghp_: 'personal access token', gho_: 'OAuth token', ghu_: 'user-to-server token', ghs_: 'server-to-server token', ghr_: 'refresh token' };
    return `GitHub ${kind[p] ?? 'fine-grained personal access token'}`;
  },
});

const gitlabToken = token({
  rule: 'secret/gitlab-token',
  anchors: [{ at: '-', before: 'gl(?:pat|ptt|dt|rt|rtr|soat|cbt|ft|imt|agent|oas|wt)' }],
  back: 8,
  re: /(?<![A-Za-z0-9_-])gl(?:pat|ptt|dt|rt|rtr|soat|cbt|ft|imt|agent|oas|wt)-[A-Za-z0-9_-]{20,}(?:\.[A-Za-z0-9_-]+){0,3}(?![A-Za-z0-9_-])/g,
  validate: (v) => !isPlaceholder(v.slice(v.indexOf('-') + 1)),
  message: (m) => `GitLab token (${m[0].slice(0, m[0].indexOf('-') + 1)}…)`,
});

const npmToken = token({
  rule: 'secret/npm-token',
  anchors: [{ at: '_', before: 'npm' }],
  back: 3,
  re: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g,
  prefix: 4,
  message: 'npm access token',
});

const pypiToken = token({
  rule: 'secret/pypi-token',
  anchors: [{ at: '-', before: 'pypi', after: 'AgE' }],
  back: 4,
  re: /(?<![A-Za-z0-9_-])pypi-AgE[A-Za-z0-9_-]{50,}(?![A-Za-z0-9_-])/g,
  prefix: 24,
  message: 'PyPI API token',
});

const dockerhubToken = token({
  rule: 'secret/dockerhub-token',
  anchors: [{ at: '_', before: 'dckr_pat' }],
  back: 8,
  re: /(?<![A-Za-z0-9_])dckr_pat_[A-Za-z0-9_-]{27,}(?![A-Za-z0-9_-])/g,
  prefix: 9,
  message: 'Docker Hub personal access token',
});

// ---- chat, payments, AI and other SaaS --------------------------------------------------------

const slackToken = token({
  rule: 'secret/slack-token',
  anchors: [{ at: '-', before: 'xox[abposre]|xapp' }],
  back: 4,
  re: /(?<![A-Za-z0-9_-])(?:xox[abposre]-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+|xapp-\d-[A-Za-z0-9]+-\d+-[A-Za-z0-9]+)(?![A-Za-z0-9_-])/g,
  prefix: 5,
  validate: (v) => v.length >= 24,
  message: (m) => `Slack token (${m[0].slice(0, 5)}…)`,
});

const slackWebhook = token({
  rule: 'secret/slack-webhook',
  anchors: [{ at: '.', before: 'hooks\\.slack' }],
  back: 20,
  re: /https?:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/([A-Za-z0-9_/+-]{16,})/dg,
  group: 1,
  message: 'Slack incoming-webhook URL',
});

const discordWebhook = token({
  rule: 'secret/discord-webhook',
  anchors: [{ at: '.', before: 'discord|discordapp' }],
  back: 40,
  re: /https?:\/\/(?:[a-z]+\.)?discord(?:app)?\.com\/api\/(?:v\d+\/)?webhooks\/\d+\/([A-Za-z0-9_-]{40,})/dg,
  group: 1,
  message: 'Discord webhook URL',
});

const stripeKey = token({
  rule: 'secret/stripe-key',
  anchors: [{ at: '_', before: '[sr]k_live' }],
  back: 7,
  re: /(?<![A-Za-z0-9_])[sr]k_live_[A-Za-z0-9]{20,247}(?![A-Za-z0-9_])/g,
  prefix: 8,
  message: (m) => (m[0].startsWith('rk') ? 'Stripe live restricted key' : 'Stripe live secret key'),
});

const openaiKey = token({
  rule: 'secret/openai-key',
  anchors: [{ at: '-', before: 'sk' }],
  back: 2,
  re: /(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{40,}|[A-Za-z0-9]{48})(?![A-Za-z0-9_-])/g,
  prefix: 3,
  message: 'OpenAI API key',
});

const anthropicKey = token({
  rule: 'secret/anthropic-key',
  anchors: [{ at: '-', before: 'sk-ant' }],
  back: 6,
  re: /(?<![A-Za-z0-9_-])sk-ant-(?:api|admin|sid|oat|ort)\d\d-[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])/g,
  validate: (v) => !isPlaceholder(v.slice(13)),
  message: 'Anthropic API key',
});

const sendgridKey = token({
  rule: 'secret/sendgrid-key',
  anchors: [{ at: '.', before: 'SG' }],
  back: 2,
  re: /(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
  prefix: 3,
  message: 'SendGrid API key',
});

const twilioKey = token({
  rule: 'secret/twilio-key',
  anchors: [{ at: 'K', before: 'S', after: '[0-9a-f]{32}' }],
  back: 1,
  re: /(?<![A-Za-z0-9])SK[0-9a-f]{32}(?![A-Za-z0-9])/g,
  prefix: 2,
  message: 'Twilio API key SID',
});

const shopifyToken = token({
  rule: 'secret/shopify-token',
  anchors: [{ at: '_', before: 'shp(?:at|ss|ca|pa)' }],
  back: 5,
  re: /(?<![A-Za-z0-9_])shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}(?![A-Za-z0-9_])/g,
  prefix: 6,
  message: 'Shopify access token',
});

const huggingfaceToken = token({
  rule: 'secret/huggingface-token',
  anchors: [{ at: '_', before: 'hf' }],
  back: 2,
  re: /(?<![A-Za-z0-9_])hf_[A-Za-z]{34}(?![A-Za-z0-9_])/g,
  prefix: 3,
  validate: (v) => hasUpperAndLower(v.slice(3)),
  message: 'Hugging Face access token',
});

const digitaloceanToken = token({
  rule: 'secret/digitalocean-token',
  anchors: [{ at: '_', before: 'do[opr]_v1' }],
  back: 6,
  re: /(?<![A-Za-z0-9_])do[opr]_v1_[a-f0-9]{64}(?![A-Za-z0-9_])/g,
  prefix: 7,
  message: 'DigitalOcean token',
});

const linearKey = token({
  rule: 'secret/linear-key',
  anchors: [{ at: '_', before: 'lin_api' }],
  back: 7,
  re: /(?<![A-Za-z0-9_])lin_api_[A-Za-z0-9]{40}(?![A-Za-z0-9_])/g,
  prefix: 8,
  message: 'Linear API key',
});

const onePasswordToken = token({
  rule: 'secret/1password-token',
  anchors: [{ at: '_', before: 'ops', after: 'eyJ' }],
  back: 3,
  re: /(?<![A-Za-z0-9_])ops_eyJ[A-Za-z0-9+/=]{100,}/g,
  prefix: 4,
  message: '1Password service-account token',
});

const vaultToken = token({
  rule: 'secret/vault-token',
  anchors: [{ at: '.', before: 'hv[sb]' }],
  back: 3,
  re: /(?<![A-Za-z0-9_.-])hv[sb]\.[A-Za-z0-9_-]{24,}(?![A-Za-z0-9_-])/g,
  prefix: 4,
  message: 'HashiCorp Vault token',
});

const terraformToken: Detector = {
  rule: 'secret/terraform-token',
  anchors: [{ at: '.', after: 'atlasv1\\.' }],
  back: 0,
  scan(text, from, out) {
    // Literal-first regex; the 14 characters before ".atlasv1." are checked by lookbehind.
    const re = /\.(?<=(?<![A-Za-z0-9])[A-Za-z0-9]{14}\.)atlasv1\.[A-Za-z0-9_=-]{60,70}(?![A-Za-z0-9_=-])/g;
    re.lastIndex = from;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const start = m.index - 14;
      const value = text.slice(start, m.index + m[0].length);
      if (isPlaceholder(value.slice(0, 14)) || isPlaceholder(value.slice(23))) continue;
      out.push({ rule: 'secret/terraform-token', start, end: start + value.length, message: 'Terraform Cloud API token', priority: 2 });
    }
  },
};

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
  anchors: [{ at: '@', before: ':\\/\\/[^ \\t\\r\\n\\/@]{0,256}:[^ \\t\\r\\n\\/@]{1,256}' }],
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

const QUERY_PASSWORD = /[?&;](?:password|passwd|pwd)=([^&\s'"#<>`;]+)/dgi;
const queryPassword = token({
  rule: 'secret/url-password',
  anchors: [{ at: '=', before: '[?&;](?:[Pp]assword|[Pp]asswd|[Pp]wd|PASSWORD|PASSWD|PWD)' }],
  back: 10,
  re: QUERY_PASSWORD,
  group: 1,
  priority: 1,
  message: 'Password in a URL query string or connection string',
  validate: (v) => !isPlaceholderPassword(v),
});

const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.ey[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}(?![A-Za-z0-9_-])/g;

function decodeJsonPart(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

const jwt = token({
  rule: 'secret/jwt',
  anchors: [{ at: 'J', before: 'ey' }],
  back: 2,
  re: JWT,
  priority: 1,
  message: (m) => {
    const header = decodeJsonPart(m[0].slice(0, m[0].indexOf('.'))) as { alg?: unknown } | undefined;
    return `JSON Web Token (${typeof header?.alg === 'string' ? header.alg.slice(0, 10) : 'signed'})`;
  },
  validate(v) {
    const [h = '', p = ''] = v.split('.');
    const header = decodeJsonPart(h);
    if (typeof header !== 'object' || header === null) return false;
    const alg = (header as { alg?: unknown }).alg;
    if (typeof alg !== 'string' || alg.toLowerCase() === 'none') return false;
    // jwt.io's sample token and other documentation tokens.
    const payload = Buffer.from(p, 'base64url').toString('utf8');
    return !/John Doe|"sub":\s*"1234567890"|example|placeholder|your[-_ ]/i.test(payload);
  },
});

/** Every content detector, in reporting order. */
export const DETECTORS: readonly Detector[] = [
  privateKeyPem,
  privateKeyPutty,
  gcpServiceAccount,
  awsAccessKey,
  awsSecretKey,
  githubToken,
  gitlabToken,
  npmToken,
  slackToken,
  slackWebhook,
  discordWebhook,
  stripeKey,
  googleApiKey,
  googleOAuthSecret,
  urlPassword,
  queryPassword,
  jwt,
  openaiKey,
  anthropicKey,
  sendgridKey,
  twilioKey,
  shopifyToken,
  huggingfaceToken,
  digitaloceanToken,
  pypiToken,
  dockerhubToken,
  linearKey,
  onePasswordToken,
  vaultToken,
  azureStorageKey,
  terraformToken,
  ageKey,
];

// ---- the combined anchor pre-filter -----------------------------------------------------------

interface AnchorEntry {
  detector: number;
  sticky: RegExp;
}

const escapeChar = (c: string): string => (/[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c);

function anchorSource(a: Anchor): string {
  const c = escapeChar(a.at);
  return `${c}${a.before ? `(?<=(?:${a.before})${c})` : ''}${a.after ? `(?=${a.after})` : ''}`;
}

const BY_CHAR = new Map<string, AnchorEntry[]>();
for (const [i, d] of DETECTORS.entries()) {
  for (const a of d.anchors) {
    if (a.at.length !== 1) throw new Error(`anchor must be one character: ${a.at}`);
    let list = BY_CHAR.get(a.at);
    if (!list) BY_CHAR.set(a.at, (list = []));
    list.push({ detector: i, sticky: new RegExp(anchorSource(a), 'y') });
  }
}

/**
 * The one pre-filter regex. Per anchor character, the lookbehinds of all detectors are merged
 * into a single lookbehind alternation: irregexp then checks each candidate character once,
 * dispatching on the characters before it, instead of trying every detector in turn.
 */
function combinedAnchors(): RegExp {
  const byChar = new Map<string, Anchor[]>();
  for (const d of DETECTORS) {
    for (const a of d.anchors) {
      const list = byChar.get(a.at) ?? [];
      list.push(a);
      byChar.set(a.at, list);
    }
  }
  const parts: string[] = [];
  for (const [at, list] of byChar) {
    const c = escapeChar(at);
    const alts: string[] = [];
    const plain = list.filter((a) => a.before && !a.after).map((a) => a.before);
    if (plain.length > 0) alts.push(`(?<=(?:${plain.join('|')})${c})`);
    for (const a of list) {
      if (a.after) alts.push(`${a.before ? `(?<=(?:${a.before})${c})` : ''}(?=${a.after})`);
      else if (!a.before) alts.push('');
    }
    parts.push(alts.length === 1 ? `${c}${alts[0]}` : `${c}(?:${alts.join('|')})`);
  }
  return new RegExp(parts.join('|'), 'g');
}

export const ANCHORS = combinedAnchors();

/**
 * Run the pre-filter over `text`; returns, per detector index, the first anchor position
 * (or -1). Cost: one regex pass; anchors are rare in ordinary source.
 */
export function findTriggers(text: string): Int32Array | null {
  let triggers: Int32Array | null = null;
  ANCHORS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ANCHORS.exec(text)) !== null) {
    const at = m.index;
    const list = BY_CHAR.get(text[at] ?? '');
    if (!list) continue;
    for (const e of list) {
      if (triggers && triggers[e.detector] !== -1) continue;
      e.sticky.lastIndex = at;
      if (!e.sticky.test(text)) continue;
      if (!triggers) triggers = new Int32Array(DETECTORS.length).fill(-1);
      triggers[e.detector] = at;
    }
  }
  return triggers;
}

/** Run the detectors that `findTriggers` selected. */
export function runDetectors(text: string, triggers: Int32Array, out: RawHit[]): void {
  for (let i = 0; i < DETECTORS.length; i++) {
    const at = triggers[i] ?? -1;
    if (at < 0) continue;
    const d = DETECTORS[i]!;
    d.scan(text, Math.max(0, at - d.back), out);
  }
}
