// AWS credentials: access key ids, secret access keys, STS session tokens, Amazon Bedrock API
// keys. Formats from the IAM user guide ("IAM identifiers", unique ID prefixes), the STS and
// Bedrock API-key documentation. Registered through providers/cloud.ts.
//
// AWS unique ids: of the twelve documented prefixes only four name a credential — AKIA (access
// key), ASIA (temporary STS key), ABIA (STS service bearer token) and ACCA (context-specific
// credential). AIDA/AROA/AGPA/AIPA/ANPA/ANVA/APKA/ASCA name a user, role, group, instance
// profile, policy, policy version, public key or certificate: identifiers that grant nothing,
// so they are not reported.
import { hasUpperAndLower, keyed, token, type Detector, type KeyedSpec } from '../detector-kit.js';
import { isPlaceholder } from '../placeholder.js';

const mixed = (v: string): boolean => hasUpperAndLower(v) && /[0-9]/.test(v);

// ---- AWS --------------------------------------------------------------------------------------

const AWS_ID = /(?<![A-Za-z0-9])(?:A[KSB]IA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g;
/** A 40-character base64 word later on the same line as an access key id (CSV exports, scripts). */
const AWS_PAIRED_SECRET = /[^\r\n]{0,160}?(?<![A-Za-z0-9/+=])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dy;
const AWS_ID_KIND: Record<string, string> = {
  AKIA: 'AWS access key id (AKIA…)',
  ASIA: 'AWS temporary access key id (ASIA…)',
  ABIA: 'AWS STS service bearer token id (ABIA…)',
  ACCA: 'AWS context-specific credential id (ACCA…)',
};

const isAwsSecret = (v: string): boolean => hasUpperAndLower(v) && /[0-9/+]/.test(v) && !isPlaceholder(v);

const awsAccessKey: Detector = {
  rule: 'secret/aws-access-key',
  // ACCA has no I: anchored on its last A (A and I are anchor characters already, so these cost
  // one more lookbehind alternative, not a pass of their own).
  anchors: [
    { at: 'I', before: 'A[KSB]', after: 'A' },
    { at: 'A', before: '(?<![A-Za-z0-9])ACC' },
  ],
  back: 3,
  scan(text, from, out) {
    AWS_ID.lastIndex = from;
    let m: RegExpExecArray | null;
    while ((m = AWS_ID.exec(text)) !== null) {
      const id = m[0];
      if (isPlaceholder(id.slice(4))) continue;
      out.push({ rule: 'secret/aws-access-key', start: m.index, end: m.index + id.length, message: AWS_ID_KIND[id.slice(0, 4)] ?? 'AWS access key id', priority: 2 });
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

// STS session tokens are base64 of a binary blob whose first bytes are fixed per token version:
// "IQoJb3JpZ2lu…" (the current form, which names the origin region) and "FwoGZXIvYXdzE…"
// (older). Anywhere else a session token is recognised by its key (awsSessionKeyed).
const awsSessionToken = token({
  rule: 'secret/aws-session-token',
  anchors: [
    { at: 'I', after: 'QoJb3JpZ2lu' },
    { at: 'I', before: 'FwoGZX', after: 'vYXdzE' },
  ],
  back: 6,
  re: /(?<![A-Za-z0-9+/])(?:IQoJb3JpZ2lu|FwoGZXIvYXdzE)[A-Za-z0-9+/]{100,}={0,2}/g,
  prefix: 12,
  message: 'AWS session token',
});

const awsSessionKeyed = keyed({
  rule: 'secret/aws-session-token',
  keywords: 'aws|sts',
  values: [{ re: '[A-Za-z0-9+/]{100,}={0,2}', key: /session[_.-]?token|security[_.-]?token/i, message: 'AWS session token', test: mixed }],
});

// Bedrock API keys: long-term keys are "ABSK" + base64 of "BedrockAPIKey-…"; short-term keys are
// "bedrock-api-key-" + base64 of a SigV4 pre-signed bedrock.amazonaws.com URL.
const BEDROCK_SHORT = 'bedrock-api-key-';
const awsBedrockKey = token({
  rule: 'secret/aws-bedrock-key',
  anchors: [
    { at: 'K', before: 'ABS', after: 'QmVkcm9ja0FQSUtleS' },
    { at: '-', before: 'bedrock', after: 'api-key-' },
  ],
  back: 7,
  re: /(?<![A-Za-z0-9+/_-])(?:ABSK[A-Za-z0-9+/]{40,}={0,2}|bedrock-api-key-[A-Za-z0-9+/]{100,}={0,2})(?![A-Za-z0-9+/=])/g,
  prefix: 16,
  validate(v) {
    if (v.startsWith('ABSK')) return Buffer.from(v.slice(4), 'base64').toString('latin1').startsWith('BedrockAPIKey-');
    const url = Buffer.from(v.slice(BEDROCK_SHORT.length), 'base64').toString('latin1');
    return url.startsWith('bedrock.amazonaws.com') && url.includes('X-Amz-');
  },
  message: (m) => (m[0].startsWith('ABSK') ? 'Amazon Bedrock long-term API key' : 'Amazon Bedrock short-term API key'),
});

export const AWS_DETECTORS: readonly Detector[] = [awsAccessKey, awsSecretKey, awsSessionToken, awsBedrockKey];

/** AWS values recognised by their key (providers/generic.ts). */
export const AWS_KEYED: readonly KeyedSpec[] = [awsSessionKeyed];
