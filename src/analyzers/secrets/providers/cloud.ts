// Cloud and infrastructure providers: AWS (access key ids, secret keys, session tokens, Bedrock
// API keys; providers/aws.ts), Google (API keys, OAuth client secrets, service-account JSON is in detectors.ts),
// Azure (Entra client secrets, storage and Cosmos DB account keys, Service Bus / Event Hubs
// shared access keys, SAS tokens), Cloudflare, Alibaba Cloud, DigitalOcean, Databricks, Heroku,
// Fly.io, Fastly, Netlify, Vercel, OpenShift, PlanetScale, Doppler, Pulumi, Terraform Cloud,
// HashiCorp Vault, Confluent, Dynatrace, ClickHouse, Octopus Deploy, Harness, Infracost, Scalingo.
//
// Formats as the providers document them (prefixes, lengths, charsets): AWS IAM "unique ID
// prefixes", Azure SAS and connection-string references, the providers' token-format and
// secret-scanning partner pages. Where a token has no prefix of its own (Cloudflare API tokens
// and global keys, Fastly, Confluent, the legacy Heroku/Netlify/Vercel/Vault forms, Alibaba
// secrets, AWS session tokens without their usual start), the provider's name must be near the
// value (keyed(), tried by the assignment detector in generic.ts).
//
// The AWS detectors live in providers/aws.ts (kept apart for size) and are registered here.
import { hasUpperAndLower, keyed, token, type Detector, type KeyedSpec, type RawHit, type ShapedValue } from '../detector-kit.js';
import { isPlaceholder } from '../placeholder.js';
import { AWS_DETECTORS, AWS_KEYED } from './aws.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** Random token material: both cases and a digit (words and constants have not). */
const mixed = (v: string): boolean => hasUpperAndLower(v) && /[0-9]/.test(v);

// ---- Google -----------------------------------------------------------------------------------

// AIza + 35: Google API keys, Gemini API keys included (one rule, so a key is reported once).
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

// ---- Azure ------------------------------------------------------------------------------------

// Entra ID (Azure AD) client secrets: 40 characters, a 3-character id, a digit, "Q~", 34 more.
const azureClientSecret = token({
  rule: 'secret/azure-client-secret',
  anchors: [{ at: '~', before: '[A-Za-z0-9_.-]{3}[0-9]Q' }],
  back: 5,
  re: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{34}(?![A-Za-z0-9_~.-])/g,
  prefix: 6,
  validate: (v) => hasUpperAndLower(v.slice(6)),
  message: 'Azure Entra ID client secret (…Q~…)',
});

// Storage and Cosmos DB account keys: 64 random bytes in base64.
const azureStorageKey = token({
  rule: 'secret/azure-storage-key',
  anchors: [{ at: '=', before: 'AccountKey', subsumed: true }], // implied by the assignment anchor's `key =`
  back: 11,
  re: /AccountKey=([A-Za-z0-9+/]{86}==)/dg,
  group: 1,
  message: 'Azure storage or Cosmos DB account key (AccountKey= in a connection string)',
});

// Service Bus, Event Hubs, Relay and IoT Hub connection strings: SharedAccessKey= 32 bytes in base64.
const azureSharedAccessKey = token({
  rule: 'secret/azure-shared-access-key',
  anchors: [{ at: '=', before: 'SharedAccessKey', subsumed: true }], // implied by the assignment anchor's `key =`
  back: 16,
  re: /SharedAccessKey=([A-Za-z0-9+/]{43}=)(?![A-Za-z0-9+/=])/dg,
  group: 1,
  validate: (v) => hasUpperAndLower(v),
  message: 'Azure shared access key (SharedAccessKey= in a Service Bus / Event Hubs connection string)',
});

// A shared access signature: sig= (an HMAC-SHA256, 32 bytes in base64, usually URL-encoded) in a
// query that also has the signed version sv=YYYY-MM-DD. The dated version tells storage SAS from
// Logic Apps / Teams workflow URLs (sv=1.0), which secret/teams-webhook owns.
const SAS_SIG = /[?&]sig=([A-Za-z0-9%+/=]{43,140})/dg;
const azureSasToken: Detector = {
  rule: 'secret/azure-sas-token',
  anchors: [{ at: '=', before: '[?&]sig' }],
  back: 5,
  scan(text, from, out) {
    SAS_SIG.lastIndex = from;
    let m: RegExpExecArray | null;
    while ((m = SAS_SIG.exec(text)) !== null) {
      const idx = m.indices?.[1];
      const sig = m[1] ?? '';
      if (!idx) continue;
      let decoded: string;
      try {
        decoded = decodeURIComponent(sig);
      } catch {
        continue;
      }
      if (!/^[A-Za-z0-9+/]{43}=$/.test(decoded) || isPlaceholder(decoded)) continue;
      // The query around it: back to the start of the URL or value, at most 1 KB.
      const lo = Math.max(0, m.index - 1024);
      const before = text.slice(lo, m.index);
      const start = Math.max(before.lastIndexOf(' '), before.lastIndexOf('\n'), before.lastIndexOf('"'), before.lastIndexOf("'"));
      const query = `${before.slice(start + 1)}&${/^[^\s"'<>`]*/.exec(text.slice(idx[1], idx[1] + 1024))?.[0] ?? ''}`;
      if (!/(?:^|[?&;=])sv=\d{4}-\d{2}-\d{2}(?:&|$)/.test(query)) continue;
      const hit: RawHit = { rule: 'secret/azure-sas-token', start: idx[0], end: idx[1], message: 'Azure shared access signature (SAS token sig=)', priority: 2 };
      out.push(hit);
    }
  },
};

// ---- other clouds and platforms ---------------------------------------------------------------

// Cloudflare origin CA keys: "v1.0-" + 24 hex + "-" + 146 hex. API tokens (40) and the global
// API key (37 hex) have no prefix: cloudflareKeyed.
const cloudflareOriginKey = token({
  rule: 'secret/cloudflare-key',
  anchors: [{ at: '-', before: 'v1\\.0' }],
  back: 4,
  re: /(?<![A-Za-z0-9_.-])v1\.0-[0-9a-f]{24}-[0-9a-f]{146}(?![A-Za-z0-9_-])/g,
  prefix: 5,
  message: 'Cloudflare origin CA key (v1.0-…)',
});
const cloudflareKeyed = keyed({
  rule: 'secret/cloudflare-key',
  keywords: 'cloudflare|cf_api|cf_auth',
  values: [
    { re: '[A-Za-z0-9_-]{40}', key: /token|key|secret/i, message: 'Cloudflare API token', test: mixed },
    { re: '[0-9a-f]{37}', key: /key|token|secret/i, message: 'Cloudflare global API key', test: (v) => /[a-f]/.test(v) && /[0-9]/.test(v) },
  ],
});

// Alibaba Cloud AccessKey ids: LTAI + 12 to 20 alphanumerics; the 30-character secret is keyed.
const alibabaKeyId = token({
  rule: 'secret/alibaba-key',
  anchors: [{ at: 'I', before: '(?<![A-Za-z0-9])LTA' }],
  back: 3,
  re: /(?<![A-Za-z0-9])LTAI[A-Za-z0-9]{12,20}(?![A-Za-z0-9])/g,
  prefix: 4,
  validate: (v) => mixed(v.slice(4)),
  message: 'Alibaba Cloud AccessKey id (LTAI…)',
});
const alibabaKeyed = keyed({
  rule: 'secret/alibaba-key',
  keywords: 'alibaba|aliyun|alicloud|ali_cloud',
  values: [{ re: '[A-Za-z0-9]{30}', key: /secret/i, message: 'Alibaba Cloud AccessKey secret', test: mixed }],
});

const digitaloceanToken = token({
  rule: 'secret/digitalocean-token',
  anchors: [{ at: '_', before: 'do[opr]_v1' }],
  back: 6,
  re: /(?<![A-Za-z0-9_])do[opr]_v1_[a-f0-9]{64}(?![A-Za-z0-9_])/g,
  prefix: 7,
  message: 'DigitalOcean token',
});

// Databricks personal access tokens (dapi + 32 hex, sometimes "-N") and ClickHouse Cloud key
// secrets (4b1d + 38) start with letters and digits only: a character anchor would cost every
// "i" or "d", so they are recognised where they are assigned (CLOUD_SHAPED; generic.ts).
const databricksShaped: ShapedValue = {
  rule: 'secret/databricks-token',
  re: /^dapi[0-9a-f]{32}(?:-\d)?$/,
  test: (v) => /[a-f]/.test(v.slice(4)) && /[0-9]/.test(v.slice(4)),
  message: 'Databricks access token (dapi…)',
};
const clickhouseShaped: ShapedValue = {
  rule: 'secret/clickhouse-key',
  re: /^4b1d[A-Za-z0-9]{38}$/,
  test: (v) => mixed(v.slice(4)) && !isPlaceholder(v.slice(4)),
  message: 'ClickHouse Cloud API key secret (4b1d…)',
};

// Heroku platform keys HRKU- + 60; the older form is a uuid next to the word heroku.
const herokuKey = token({
  rule: 'secret/heroku-key',
  anchors: [{ at: '-', before: 'HRKU' }],
  back: 4,
  re: /(?<![A-Za-z0-9_-])HRKU-[A-Za-z0-9_-]{60}(?![A-Za-z0-9_-])/g,
  prefix: 5,
  validate: (v) => mixed(v.slice(5)),
  message: 'Heroku API key (HRKU-…)',
});
const herokuKeyed = keyed({
  rule: 'secret/heroku-key',
  keywords: 'heroku',
  values: [{ re: UUID, key: /key|token|secret|password|auth/i, message: 'Heroku API key' }],
});

// Fly.io: org tokens fo1_ + 43; macaroon tokens fm1r_/fm1a_/fm2_ (long base64, often "FlyV1 …").
const flyioToken = token({
  rule: 'secret/flyio-token',
  anchors: [{ at: '_', before: 'fo1|fm1[ar]|fm2' }],
  back: 4,
  re: /(?<![A-Za-z0-9_])(?:fo1_[A-Za-z0-9_-]{43}|fm(?:1[ar]|2)_[A-Za-z0-9+/=_-]{100,})(?![A-Za-z0-9+/=_-])/g,
  prefix: 5,
  validate: (v) => mixed(v.slice(4, 80)),
  message: 'Fly.io access token',
});

const fastlyKeyed = keyed({
  rule: 'secret/fastly-token',
  keywords: 'fastly',
  values: [{ re: '[A-Za-z0-9_-]{32}', key: /token|key|secret/i, message: 'Fastly API token', test: mixed }],
});

// Netlify personal access tokens nfp_ + 36; older tokens (43 base64url) next to the word netlify.
const netlifyToken = token({
  rule: 'secret/netlify-token',
  anchors: [{ at: '_', before: 'nfp' }],
  back: 3,
  re: /(?<![A-Za-z0-9_])nfp_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g,
  prefix: 4,
  validate: (v) => mixed(v.slice(4)),
  message: 'Netlify personal access token (nfp_…)',
});
const netlifyKeyed = keyed({
  rule: 'secret/netlify-token',
  keywords: 'netlify',
  values: [{ re: '[A-Za-z0-9_-]{43}', key: /token|key|secret|auth/i, message: 'Netlify access token', test: mixed }],
});

// Vercel's prefixed credentials: vcp_ (personal), vci_ (integration), vca_ / vcr_ (app access /
// refresh), vck_ (API key); older 24-character tokens next to the word vercel.
const VERCEL_KIND: Record<string, string> = { p: 'personal access token', i: 'integration token', a: 'app access token', r: 'app refresh token', k: 'API key' };
const vercelToken = token({
  rule: 'secret/vercel-token',
  anchors: [{ at: '_', before: 'vc[pciark]' }],
  back: 3,
  re: /(?<![A-Za-z0-9_])vc[pciark]_[A-Za-z0-9]{24,100}(?![A-Za-z0-9_])/g,
  prefix: 4,
  validate: (v) => mixed(v.slice(4)),
  message: (m) => `Vercel ${VERCEL_KIND[m[0][2] ?? ''] ?? 'token'}`,
});
const vercelKeyed = keyed({
  rule: 'secret/vercel-token',
  keywords: 'vercel',
  values: [{ re: '[A-Za-z0-9]{24}', key: /token|key|secret/i, message: 'Vercel access token', test: mixed }],
});

// OpenShift OAuth access tokens: sha256~ + 43 base64url.
const openshiftToken = token({
  rule: 'secret/openshift-token',
  anchors: [{ at: '~', before: 'sha256' }],
  back: 6,
  re: /(?<![A-Za-z0-9_~-])sha256~[A-Za-z0-9_-]{43}(?![A-Za-z0-9_~-])/g,
  prefix: 7,
  validate: (v) => hasUpperAndLower(v.slice(7)),
  message: 'OpenShift OAuth access token (sha256~…)',
});

const planetscaleToken = token({
  rule: 'secret/planetscale-token',
  anchors: [{ at: '_', before: 'pscale_(?:tkn|pw|oauth)' }],
  back: 13,
  re: /(?<![A-Za-z0-9_])pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_=.-]{32,64}(?![A-Za-z0-9_=.-])/g,
  placeholderCheck: false,
  validate: (v) => {
    const body = v.slice(v.indexOf('_', 7) + 1);
    return mixed(body) && !isPlaceholder(body);
  },
  message: (m) => (m[0].startsWith('pscale_pw') ? 'PlanetScale database password' : m[0].startsWith('pscale_oauth') ? 'PlanetScale OAuth token' : 'PlanetScale service token'),
});

// Doppler: dp.pt. (personal), dp.st.[config.] (service), dp.sa. (service account), dp.ct. (CLI),
// dp.scim., dp.audit. + 40-44 alphanumerics.
const dopplerToken = token({
  rule: 'secret/doppler-token',
  anchors: [{ at: '.', before: '(?<![A-Za-z0-9_.-])dp\\.(?:pt|st|sa|ct|scim|audit)' }],
  back: 8,
  re: /(?<![A-Za-z0-9_.-])dp\.(?:pt|sa|ct|scim|audit|st(?:\.[a-z0-9_-]{1,60})?)\.[A-Za-z0-9]{40,44}(?![A-Za-z0-9_.-])/g,
  placeholderCheck: false,
  validate: (v) => {
    const body = v.slice(v.lastIndexOf('.') + 1);
    return mixed(body) && !isPlaceholder(body);
  },
  message: 'Doppler token',
});

const pulumiToken = token({
  rule: 'secret/pulumi-token',
  anchors: [{ at: '-', before: 'pul' }],
  back: 3,
  re: /(?<![A-Za-z0-9_-])pul-[0-9a-f]{40}(?![A-Za-z0-9_-])/g,
  prefix: 4,
  message: 'Pulumi access token (pul-…)',
});

const terraformToken: Detector = {
  rule: 'secret/terraform-token',
  // A literal trigger: as an anchor with a lookahead it cost every `.` of the text (14 ms of the
  // pre-filter on the bench corpus); the pre-filter finds the literal through its last `.`, by a
  // lookbehind that joins the other `.` lookbehinds (detectors.ts, literal triggers).
  anchors: [],
  literals: ['.atlasv1.'],
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

// Vault service (hvs.), batch (hvb.) and recovery (hvr.) tokens; legacy service tokens are
// "s." + 24 next to the word vault.
const vaultToken = token({
  rule: 'secret/vault-token',
  anchors: [{ at: '.', before: 'hv[sbr]' }],
  back: 3,
  re: /(?<![A-Za-z0-9_.-])hv[sbr]\.[A-Za-z0-9_-]{24,}(?![A-Za-z0-9_-])/g,
  prefix: 4,
  message: 'HashiCorp Vault token',
});
const vaultKeyed = keyed({
  rule: 'secret/vault-token',
  keywords: 'vault',
  values: [{ re: 's\\.[A-Za-z0-9]{24}', key: /token/i, message: 'HashiCorp Vault token (legacy s.…)', test: (v) => mixed(v.slice(2)) }],
});

// Confluent Cloud API keys: a 16-character key (it names the key, like a user name: a note) and
// its 64-character secret.
const confluentKeyed = keyed({
  rule: 'secret/confluent-key',
  keywords: 'confluent|ccloud',
  values: [
    { re: '[A-Za-z0-9+/]{64}', key: /secret|password/i, message: 'Confluent Cloud API secret', test: mixed },
    { re: '[A-Z0-9]{16}', key: /key|user/i, message: 'Confluent Cloud API key', note: 'an API key id: it names the key, the secret authenticates (reported as a note)', test: (v) => /[A-Z]/.test(v) && /[0-9]/.test(v) },
  ],
});

// Dynatrace tokens: dt0c01. (API and PaaS tokens; dt0s01. etc. for other kinds) + 24 + "." + 64,
// upper-case alphanumerics.
const dynatraceToken = token({
  rule: 'secret/dynatrace-token',
  anchors: [{ at: '.', before: 'dt0[a-z][0-9]{2}' }],
  back: 6,
  re: /(?<![A-Za-z0-9_.-])dt0[a-z][0-9]{2}\.[A-Z0-9]{24}\.[A-Z0-9]{64}(?![A-Za-z0-9_.-])/g,
  prefix: 7,
  validate: (v) => /[A-Z]/.test(v.slice(7)) && /[0-9]/.test(v.slice(7)),
  message: 'Dynatrace API token (dt0c01.…)',
});

// Octopus Deploy API keys: API- + 26 to 32 upper-case alphanumerics.
const octopusKey = token({
  rule: 'secret/octopus-key',
  anchors: [{ at: '-', before: 'API' }],
  back: 3,
  re: /(?<![A-Za-z0-9_-])API-[A-Z0-9]{26,32}(?![A-Za-z0-9_-])/g,
  prefix: 4,
  validate: (v) => /[A-Z]/.test(v.slice(4)) && /[0-9]/.test(v.slice(4)),
  message: 'Octopus Deploy API key (API-…)',
});

// Harness personal and service-account tokens: pat./sat. + account id (22) . token id (24) . secret (20).
const harnessToken = token({
  rule: 'secret/harness-token',
  anchors: [{ at: '.', before: '(?<![A-Za-z0-9_.-])[ps]at' }],
  back: 3,
  re: /(?<![A-Za-z0-9_.-])[ps]at\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20}(?![A-Za-z0-9_.-])/g,
  prefix: 4,
  validate: (v) => mixed(v.slice(-20)),
  message: (m) => `Harness ${m[0].startsWith('sat') ? 'service-account' : 'personal access'} token`,
});

const infracostKey = token({
  rule: 'secret/infracost-key',
  anchors: [{ at: '-', before: 'ico' }],
  back: 3,
  re: /(?<![A-Za-z0-9_-])ico-[A-Za-z0-9]{32}(?![A-Za-z0-9_-])/g,
  prefix: 4,
  validate: (v) => mixed(v.slice(4)),
  message: 'Infracost API key (ico-…)',
});

const scalingoToken = token({
  rule: 'secret/scalingo-token',
  anchors: [{ at: '-', before: 'tk-us' }],
  back: 5,
  re: /(?<![A-Za-z0-9_-])tk-us-[A-Za-z0-9_-]{48}(?![A-Za-z0-9_-])/g,
  prefix: 6,
  validate: (v) => mixed(v.slice(6)),
  message: 'Scalingo API token (tk-us-…)',
});

export const CLOUD_DETECTORS: readonly Detector[] = [
  ...AWS_DETECTORS,
  googleApiKey,
  googleOAuthSecret,
  azureClientSecret,
  azureStorageKey,
  azureSharedAccessKey,
  azureSasToken,
  cloudflareOriginKey,
  alibabaKeyId,
  digitaloceanToken,
  herokuKey,
  flyioToken,
  netlifyToken,
  vercelToken,
  openshiftToken,
  planetscaleToken,
  dopplerToken,
  pulumiToken,
  terraformToken,
  vaultToken,
  dynatraceToken,
  octopusKey,
  harnessToken,
  infracostKey,
  scalingoToken,
];

/** Prefix-less cloud credentials, tried by the assignment detector (providers/generic.ts). */
export const CLOUD_KEYED: readonly KeyedSpec[] = [
  ...AWS_KEYED,
  cloudflareKeyed,
  alibabaKeyed,
  herokuKeyed,
  fastlyKeyed,
  netlifyKeyed,
  vercelKeyed,
  vaultKeyed,
  confluentKeyed,
];

/** Cloud values recognised by shape where they are assigned (providers/generic.ts). */
export const CLOUD_SHAPED: readonly ShapedValue[] = [databricksShaped, clickhouseShaped];

/**
 * Starts of the cloud formats above (regex source): a value that starts so but that rule did
 * not take is a look-alike (wrong length or charset), not a generic secret.
 */
export const CLOUD_PREFIXES =
  'LTAI|dapi[0-9a-f]|HRKU-|fo1_|fm(?:1[ar]|2)_|nfp_|vc[pciark]_|sha256~|pscale_|dp\\.(?:pt|st|sa|ct|scim|audit)\\.|pul-|dt0[a-z]\\d\\d\\.|4b1d|API-|[ps]at\\.|ico-|tk-us-|v1\\.0-|IQoJb3JpZ2lu|FwoGZXIvYXdzE|ABSK|bedrock-api-key-|[A-Za-z0-9_.-]{3}\\dQ~';
