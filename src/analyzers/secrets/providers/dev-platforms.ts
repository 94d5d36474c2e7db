// Developer platforms: source hosting, package registries, CI, monitoring and project tools.
//
//   GitHub        ghp_/gho_/ghu_/ghs_/ghr_ + 36+ base62, github_pat_ + 82        (GitHub token-format blog post)
//   GitLab        gl<type>- + the type's length (glpat- 20, gloas- 64, glptt- 40, glimt- 25,
//                 glagent- 50, glcbt-<hex>_20, …), routable tokens <prefix><payload 27-300>
//                 .<version>.<payload length, base36 2><CRC32 base36 7> (CRC over all before it),
//                 GR1348941 runner registration tokens, the _gitlab_session cookie (32 hex)
//                 (GitLab "token prefixes" docs and the routable-tokens design document)
//   npm, PyPI, Docker Hub, Hugging Face (hf_ + 34 letters, org tokens api_org_ + 34), Linear
//                 (lin_api_ + 40, OAuth lin_oauth_ + 64 hex)
//   Atlassian     ATATT3 + 178 + 8 hex CRC32 of what precedes it; legacy 24-character tokens
//                 next to atlassian/jira/confluence. Bitbucket app passwords ATBB + 24 + 8 hex CRC32.
//   JFrog         AKCp + 69 API keys, reference tokens base64("reftkn…") = cmVmdGtu + 56
//   Sonar         squ_/sqp_/sqa_ + 40 hex            Sourcegraph  sgp_[<16 hex>_|local_] + 40 hex
//   RubyGems      rubygems_ + 48 hex                 Clojars      CLOJARS_ + 60
//   NuGet         oy2 + 43 lower-case alphanumerics  Postman      PMAK- + 24 hex - 34 hex
//   ReadMe        rdme_ + 70                         Prefect      pnu_ + 36
//   Sentry        sntrys_ + base64 JSON (iat/url/org) [_ + 43], sntryu_ + 64 hex, legacy 64 hex keyed
//   Grafana       glc_ + base64 JSON, glsa_ + 32 + _ + 8 hex, legacy API keys base64 {"k":…,"n":…,"id":…}
//   Notion        secret_ + 43, ntn_ + 46            Typeform     tfp_ + 44 + _ + 14
//   Airtable      pat + 14 + . + 64 hex; legacy key + 14 keyed
//   Contentful    CFPAT- + 43                        Frame.io     fio-u- + 64
//   Prefix-less, next to the provider's name: Snyk and Codecov uuids, Travis CI 22, Drone 32,
//   LaunchDarkly api-/sdk-/mob- + uuid, Gitter 40 hex, Mattermost 26, Algolia 32 hex admin keys,
//   Asana 1/ or 2/ + digits + : + 32 hex, Bitbucket client secrets.
//
// Anchors sit on `_`, `-`, `.`, `=` with a lookbehind proving the prefix; prefixes made only of
// letters and digits (ATATT3, ATBB, AKCp, cmVmdG, GR1348) are `literals` (detectors.ts finds those holding an
// anchor character through the pre-filter regex, the others with indexOf), and oy2/eyJrIjoi
// values are shapes tried where they are assigned, so the pre-filter never pays per letter.
import { hasUpperAndLower, keyed, token, type Detector, type KeyedSpec, type ShapedValue } from '../detector-kit.js';
import { isPlaceholder } from '../placeholder.js';

/** zlib's CRC-32, loaded with the first token that needs it (most scans never do: issue #17 start-up). */
const crc32Of = (s: string): number => process.getBuiltinModule('node:zlib').crc32(s);

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** Last 8 characters are the hex CRC32 of everything before them (Atlassian, Bitbucket). */
const crcHexSuffixOk = (v: string): boolean => {
  const want = parseInt(v.slice(-8), 16);
  return crc32Of(v.slice(0, -8)) === want;
};

const b64json = (v: string): string => Buffer.from(v.replace(/[-_]/g, (c) => (c === '-' ? '+' : '/')), 'base64').toString('latin1');

// ---- GitHub -----------------------------------------------------------------------------------

export const githubToken = token({
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

// ---- GitLab -----------------------------------------------------------------------------------

/** Body of a non-routable token per prefix (GitLab's token-prefix table). */
const GITLAB_BODY: Record<string, RegExp> = {
  pat: /^[A-Za-z0-9_-]{20}$/,
  dt: /^[A-Za-z0-9_-]{20}$/,
  rt: /^[A-Za-z0-9_-]{20}$/,
  rtr: /^[A-Za-z0-9_-]{20,64}$/,
  ft: /^[A-Za-z0-9_-]{20}$/,
  soat: /^[A-Za-z0-9_-]{20}$/,
  ffct: /^[A-Za-z0-9_-]{20}$/,
  wt: /^[A-Za-z0-9_-]{20,64}$/,
  imt: /^[A-Za-z0-9_-]{25}$/,
  agent: /^[A-Za-z0-9_-]{50}$/,
  oas: /^[A-Za-z0-9_-]{64}$/,
  ptt: /^[0-9a-f]{40}$/,
  cbt: /^[0-9a-f]{1,8}_[A-Za-z0-9_-]{20}$/,
};

const GITLAB_RE =
  /(?<![A-Za-z0-9_-])gl(pat|ptt|dt|rtr|rt|soat|cbt|ffct|ft|imt|agent|oas|wt)-([A-Za-z0-9_-]{20,300})(?:\.([0-9a-z]{2})(?:\.([0-9a-z]{2}))?([0-9a-z]{7}))?(?![A-Za-z0-9_-])/g;

/** A routable token: the payload length field matches, and a versioned token's CRC32 too. */
function gitlabRoutableOk(m: RegExpExecArray): boolean {
  const [, type, payload = '', a = '', b, crc = ''] = m;
  const lengthField = b ?? a;
  if (payload.length < 27 || parseInt(lengthField, 36) !== payload.length) return false;
  if (b === undefined) return true;
  const signed = `gl${type}-${payload}.${a}.${b}`;
  return crc32Of(signed).toString(36).padStart(7, '0') === crc;
}

export const gitlabToken = token({
  rule: 'secret/gitlab-token',
  anchors: [{ at: '-', before: 'gl(?:pat|ptt|dt|rt|rtr|soat|cbt|ffct|ft|imt|agent|oas|wt)' }],
  back: 8,
  re: GITLAB_RE,
  validate: (v, m) => {
    const payload = m[2] ?? '';
    if (isPlaceholder(payload)) return false;
    return m[5] !== undefined ? gitlabRoutableOk(m) : (GITLAB_BODY[m[1] ?? '']?.test(payload) ?? false);
  },
  message: (m) => `GitLab ${m[5] !== undefined ? 'routable ' : ''}token (gl${m[1]}-…)`,
});

export const gitlabRunnerRegistration = token({
  rule: 'secret/gitlab-token',
  anchors: [],
  literals: ['GR1348'], // 6 characters: indexOf switches to a slower search from 7
  back: 0,
  re: /(?<![A-Za-z0-9_-])GR1348941[A-Za-z0-9_-]{20}(?![A-Za-z0-9_-])/g,
  prefix: 9,
  message: 'GitLab runner registration token (GR1348941…)',
});

export const gitlabSession = token({
  rule: 'secret/gitlab-token',
  anchors: [{ at: '=', before: '_gitlab_session' }],
  back: 16,
  re: /_gitlab_session=([0-9a-f]{32})(?![A-Za-z0-9])/dg,
  group: 1,
  message: 'GitLab session cookie (_gitlab_session)',
});

// ---- package registries -----------------------------------------------------------------------

export const npmToken = token({
  rule: 'secret/npm-token',
  anchors: [{ at: '_', before: 'npm' }],
  back: 3,
  re: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g,
  prefix: 4,
  message: 'npm access token',
});

export const pypiToken = token({
  rule: 'secret/pypi-token',
  anchors: [{ at: '-', before: 'pypi', after: 'AgE' }],
  back: 4,
  re: /(?<![A-Za-z0-9_-])pypi-AgE[A-Za-z0-9_-]{50,}(?![A-Za-z0-9_-])/g,
  prefix: 24,
  message: 'PyPI API token',
});

export const dockerhubToken = token({
  rule: 'secret/dockerhub-token',
  anchors: [{ at: '_', before: 'dckr_pat' }],
  back: 8,
  re: /(?<![A-Za-z0-9_])dckr_pat_[A-Za-z0-9_-]{27,}(?![A-Za-z0-9_-])/g,
  prefix: 9,
  message: 'Docker Hub personal access token',
});

export const rubygemsToken = token({
  rule: 'secret/rubygems-token',
  anchors: [{ at: '_', before: 'rubygems' }],
  back: 8,
  re: /(?<![A-Za-z0-9_])rubygems_[0-9a-f]{48}(?![A-Za-z0-9_])/g,
  prefix: 9,
  message: 'RubyGems API key',
});

export const clojarsToken = token({
  rule: 'secret/clojars-token',
  anchors: [{ at: '_', before: 'CLOJARS' }],
  back: 7,
  re: /(?<![A-Za-z0-9_])CLOJARS_[A-Za-z0-9]{60}(?![A-Za-z0-9_])/g,
  prefix: 8,
  message: 'Clojars deploy token',
});

const nugetShaped: ShapedValue = {
  rule: 'secret/nuget-key',
  re: /^oy2[a-z0-9]{43}$/,
  test: (v) => /[0-9]/.test(v.slice(3)) && !isPlaceholder(v.slice(3)),
  message: 'NuGet API key (oy2…)',
};

export const jfrogToken = token({
  rule: 'secret/jfrog-token',
  anchors: [],
  literals: ['AKCp', 'cmVmdG'],
  back: 0,
  re: /(?<![A-Za-z0-9_])(?:AKCp[A-Za-z0-9]{69}|cmVmdGtu[A-Za-z0-9]{56})(?![A-Za-z0-9_])/g,
  prefix: 4,
  validate: (v) => hasUpperAndLower(v.slice(8)) && /[0-9]/.test(v.slice(8)),
  message: (m) => (m[0].startsWith('AKCp') ? 'JFrog Artifactory API key (AKCp…)' : 'JFrog reference token (cmVmdGtu…)'),
});

// ---- source hosting and project tools -----------------------------------------------------------

export const atlassianToken = token({
  rule: 'secret/atlassian-token',
  anchors: [],
  literals: ['ATATT3'],
  back: 0,
  re: /(?<![A-Za-z0-9_-])ATATT3[A-Za-z0-9_=-]{178}[0-9A-Fa-f]{8}(?![A-Za-z0-9_=-])/g,
  prefix: 6,
  validate: crcHexSuffixOk,
  message: 'Atlassian API token (ATATT3…)',
});

const atlassianKeyed = keyed({
  rule: 'secret/atlassian-token',
  keywords: 'atlassian|jira|confluence',
  values: [{ re: '[A-Za-z0-9]{24}', key: /token|key|secret|password/i, message: 'Atlassian API token (legacy, 24 characters)', test: (v) => /[0-9]/.test(v) && /[A-Za-z]/.test(v) }],
});

export const bitbucketToken = token({
  rule: 'secret/bitbucket-token',
  anchors: [],
  literals: ['ATBB'],
  back: 0,
  re: /(?<![A-Za-z0-9_-])ATBB[A-Za-z0-9]{24}[0-9A-Fa-f]{8}(?![A-Za-z0-9_-])/g,
  prefix: 4,
  validate: crcHexSuffixOk,
  message: 'Bitbucket app password (ATBB…)',
});

const bitbucketKeyed = keyed({
  rule: 'secret/bitbucket-token',
  keywords: 'bitbucket',
  values: [{ re: '[A-Za-z0-9]{32}', key: /secret|password|token/i, message: 'Bitbucket OAuth client secret', test: (v) => hasUpperAndLower(v) && /[0-9]/.test(v) }],
});

export const sonarToken = token({
  rule: 'secret/sonar-token',
  anchors: [{ at: '_', before: 'sq[upa]' }],
  back: 3,
  re: /(?<![A-Za-z0-9_])sq[upa]_[0-9a-f]{40}(?![A-Za-z0-9_])/g,
  prefix: 4,
  message: (m) => `SonarQube ${m[0][2] === 'u' ? 'user' : m[0][2] === 'p' ? 'project analysis' : 'global analysis'} token`,
});

export const sourcegraphToken = token({
  rule: 'secret/sourcegraph-token',
  anchors: [{ at: '_', before: '(?<![A-Za-z0-9_])sgp' }],
  back: 3,
  re: /(?<![A-Za-z0-9_])sgp_(?:[0-9a-f]{16}_|local_)?[0-9a-f]{40}(?![A-Za-z0-9_])/g,
  validate: (v) => !isPlaceholder(v.slice(-40)),
  message: 'Sourcegraph access token',
});

export const postmanKey = token({
  rule: 'secret/postman-key',
  anchors: [{ at: '-', before: 'PMAK' }],
  back: 4,
  re: /(?<![A-Za-z0-9_-])PMAK-[0-9a-f]{24}-[0-9a-f]{34}(?![A-Za-z0-9_-])/g,
  prefix: 5,
  message: 'Postman API key',
});

export const readmeKey = token({
  rule: 'secret/readme-key',
  anchors: [{ at: '_', before: 'rdme' }],
  back: 4,
  re: /(?<![A-Za-z0-9_])rdme_[a-z0-9]{70}(?![A-Za-z0-9_])/g,
  prefix: 5,
  message: 'ReadMe API key',
});

export const prefectKey = token({
  rule: 'secret/prefect-key',
  anchors: [{ at: '_', before: 'pnu' }],
  back: 3,
  re: /(?<![A-Za-z0-9_])pnu_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g,
  prefix: 4,
  message: 'Prefect API key',
});

const notionBodyOk = (v: string): boolean => {
  const body = v.slice(v.indexOf('_') + 1);
  return hasUpperAndLower(body) && /[0-9]/.test(body) && !isPlaceholder(body);
};

// Two detectors, so each regex starts with its own literal (secret_ is common in code).
export const notionSecret = token({
  rule: 'secret/notion-token',
  anchors: [{ at: '_', before: '(?<![A-Za-z0-9_])secret', subsumed: true }], // implied by the AWS secret key's `[Ss][Ee][Cc][Rr][Ee][Tt]_`
  back: 6,
  re: /(?<![A-Za-z0-9_])secret_[A-Za-z0-9]{43}(?![A-Za-z0-9_])/g,
  validate: notionBodyOk,
  message: 'Notion integration token (secret_…)',
});

export const notionToken = token({
  rule: 'secret/notion-token',
  anchors: [{ at: '_', before: 'ntn' }],
  back: 3,
  re: /(?<![A-Za-z0-9_])ntn_[A-Za-z0-9]{46}(?![A-Za-z0-9_])/g,
  validate: notionBodyOk,
  message: 'Notion integration token (ntn_…)',
});

export const typeformToken = token({
  rule: 'secret/typeform-token',
  anchors: [{ at: '_', before: 'tfp' }],
  back: 3,
  re: /(?<![A-Za-z0-9_])tfp_[A-Za-z0-9]{44}_[A-Za-z0-9]{14}(?![A-Za-z0-9_])/g,
  prefix: 4,
  message: 'Typeform personal access token',
});

export const airtableToken = token({
  rule: 'secret/airtable-token',
  // Proved by the 64 hex after the dot only: a lookbehind over 14 characters would cost every
  // `.` in the text (member access, file names) up to 14 steps back. Written as six token
  // characters, proved hex by a lookbehind, then 58 hex: the pre-filter then shares the first six
  // with the Discord bot token's lookahead (see combinedAnchors).
  anchors: [{ at: '.', after: '[A-Za-z0-9_-]{6}(?<=\\.[0-9a-f]{6})[0-9a-f]{58}' }],
  back: 17,
  re: /(?<![A-Za-z0-9_])pat[A-Za-z0-9]{14}\.[0-9a-f]{64}(?![A-Za-z0-9_])/g,
  validate: (v) => !isPlaceholder(v.slice(3, 17)) && !isPlaceholder(v.slice(18)),
  message: 'Airtable personal access token',
});

const airtableKeyed = keyed({
  rule: 'secret/airtable-token',
  keywords: 'airtable',
  values: [{ re: 'key[A-Za-z0-9]{14}', key: /key|token|secret/i, message: 'Airtable API key (legacy key…)', test: (v) => hasUpperAndLower(v.slice(3)) }],
});

export const contentfulToken = token({
  rule: 'secret/contentful-token',
  anchors: [{ at: '-', before: 'CFPAT' }],
  back: 5,
  re: /(?<![A-Za-z0-9_-])CFPAT-[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
  prefix: 6,
  message: 'Contentful personal access token',
});

export const frameioToken = token({
  rule: 'secret/frameio-token',
  anchors: [{ at: '-', before: 'fio-u' }],
  back: 5,
  re: /(?<![A-Za-z0-9_-])fio-u-[A-Za-z0-9_=-]{64}(?![A-Za-z0-9_=-])/g,
  prefix: 6,
  message: 'Frame.io developer token',
});

export const huggingfaceToken = token({
  rule: 'secret/huggingface-token',
  anchors: [{ at: '_', before: 'hf|api_org' }],
  back: 7,
  re: /(?<![A-Za-z0-9_])(?:hf|api_org)_[A-Za-z]{34}(?![A-Za-z0-9_])/g,
  validate: (v) => hasUpperAndLower(v.slice(-34)) && !isPlaceholder(v.slice(-34)),
  message: (m) => (m[0].startsWith('api_org_') ? 'Hugging Face organization token' : 'Hugging Face access token'),
});

export const linearKey = token({
  rule: 'secret/linear-key',
  anchors: [{ at: '_', before: 'lin_api|lin_oauth' }],
  back: 9,
  re: /(?<![A-Za-z0-9_])(?:lin_api_[A-Za-z0-9]{40}|lin_oauth_[0-9a-f]{64})(?![A-Za-z0-9_])/g,
  validate: (v) => !isPlaceholder(v.slice(v.lastIndexOf('_') + 1)),
  message: (m) => (m[0].startsWith('lin_oauth_') ? 'Linear OAuth access token' : 'Linear API key'),
});

// ---- monitoring -------------------------------------------------------------------------------

export const sentryToken = token({
  rule: 'secret/sentry-token',
  anchors: [{ at: '_', before: 'sntry[su]' }],
  back: 6,
  re: /(?<![A-Za-z0-9_])(?:sntrys_eyJ[A-Za-z0-9+/=]{30,}(?:_[A-Za-z0-9+/]{43})?|sntryu_[0-9a-f]{64})(?![A-Za-z0-9_+/=])/g,
  prefix: 7,
  validate: (v) => v.startsWith('sntryu_') || /"(?:iat|url|org)"/.test(b64json(v.slice(7).split('_', 1)[0] ?? '')),
  message: (m) => (m[0].startsWith('sntrys_') ? 'Sentry organization auth token' : 'Sentry user auth token'),
});

const sentryKeyed = keyed({
  rule: 'secret/sentry-token',
  keywords: 'sentry',
  values: [{ re: '[0-9a-f]{64}', key: /token|key|secret/i, message: 'Sentry auth token (legacy, 64 hex)' }],
});

export const grafanaToken = token({
  rule: 'secret/grafana-token',
  anchors: [{ at: '_', before: 'glc|glsa' }],
  back: 4,
  re: /(?<![A-Za-z0-9_])(?:glc_eyJ[A-Za-z0-9+/=_-]{40,}|glsa_[A-Za-z0-9]{32}_[0-9a-f]{8})(?![A-Za-z0-9_+/=-])/g,
  validate: (v) => (v.startsWith('glsa_') ? !isPlaceholder(v.slice(5, 37)) : /"[okn]"\s*:/.test(b64json(v.slice(4)))),
  message: (m) => (m[0].startsWith('glsa_') ? 'Grafana service-account token' : 'Grafana Cloud access policy token'),
});

// Legacy API keys: base64 of {"k":"<key>","n":"<name>","id":<org>}, which always starts eyJrIjoi.
const grafanaLegacyShaped: ShapedValue = {
  rule: 'secret/grafana-token',
  re: /^eyJrIjoi[A-Za-z0-9+/]{40,200}={0,2}$/,
  test: (v) => /^\{"k":"[A-Za-z0-9]{16,64}","n":"[^"]*","id":\d+\}$/.test(Buffer.from(v, 'base64').toString('latin1')),
  message: 'Grafana API key (legacy)',
};

// ---- prefix-less credentials, next to the provider's name -------------------------------------

const TOKENISH = /token|key|secret|password|pass|api/i;
const mixed = (v: string): boolean => /[0-9]/.test(v) && /[A-Za-z]/.test(v);

const devKeyed = (rule: KeyedSpec['rule'], keywords: string, re: string, message: string, test?: (v: string) => boolean): KeyedSpec =>
  keyed({ rule, keywords, values: [{ re, key: TOKENISH, message, ...(test ? { test } : {}) }] });

const DEV_KEYED_LIST: readonly KeyedSpec[] = [
  atlassianKeyed,
  bitbucketKeyed,
  airtableKeyed,
  sentryKeyed,
  devKeyed('secret/snyk-token', 'snyk', UUID, 'Snyk API token'),
  devKeyed('secret/codecov-token', 'codecov', UUID, 'Codecov upload token'),
  devKeyed('secret/travis-token', 'travis', '[A-Za-z0-9_-]{22}', 'Travis CI API token', mixed),
  devKeyed('secret/drone-token', 'drone', '[A-Za-z0-9]{32}', 'Drone CI personal token', mixed),
  devKeyed('secret/launchdarkly-key', 'launch[_ -]?darkly|ld[_ -]', `(?:api|sdk|mob)-${UUID}`, 'LaunchDarkly access token or SDK key'),
  devKeyed('secret/gitter-token', 'gitter', '[0-9a-f]{40}', 'Gitter access token'),
  devKeyed('secret/mattermost-token', 'mattermost', '[a-z0-9]{26}', 'Mattermost access token', mixed),
  // Search-only keys ship in front-end code by design: still reported, as a note.
  keyed({
    rule: 'secret/algolia-key',
    keywords: 'algolia',
    values: [
      { re: '[0-9a-f]{32}', key: /search/i, message: 'Algolia search-only API key', note: 'a search-only key: Algolia means it to be public (reported as a note)' },
      { re: '[0-9a-f]{32}', key: /admin|write|secret|api[_ -]?key|apikey/i, message: 'Algolia admin / write API key' },
    ],
  }),
  devKeyed('secret/asana-token', 'asana', '[12]/[0-9]{10,20}(?::[0-9a-f]{32})?|[0-9a-f]{32}', 'Asana personal access token', (v) => !/^[12]\/[0-9]+$/.test(v)),
];

export const DEV_PLATFORM_DETECTORS: readonly Detector[] = [
  githubToken,
  gitlabToken,
  gitlabRunnerRegistration,
  gitlabSession,
  npmToken,
  pypiToken,
  dockerhubToken,
  huggingfaceToken,
  linearKey,
  rubygemsToken,
  clojarsToken,
  jfrogToken,
  atlassianToken,
  bitbucketToken,
  sonarToken,
  sourcegraphToken,
  postmanKey,
  readmeKey,
  prefectKey,
  notionSecret,
  notionToken,
  typeformToken,
  airtableToken,
  contentfulToken,
  frameioToken,
  sentryToken,
  grafanaToken,
];

/** Prefix-less developer-platform credentials, tried by the assignment detector (providers/generic.ts). */
export const DEV_PLATFORM_KEYED: readonly KeyedSpec[] = DEV_KEYED_LIST;

/** Developer-platform values recognised by shape where they are assigned (providers/generic.ts). */
export const DEV_PLATFORM_SHAPED: readonly ShapedValue[] = [nugetShaped, grafanaLegacyShaped];

/**
 * Prefixes of this file's formats: a value that starts with one but that its rule did not take
 * (wrong length or charset, a placeholder) is a look-alike, not a generic secret.
 */
export const DEV_PLATFORM_PREFIX =
  /^(?:GR1348941|_gitlab_session|rubygems_|CLOJARS_|oy2[a-z0-9]|AKCp|cmVmdGtu|ATATT|ATBB|sq[upa]_|sgp_|PMAK-|rdme_|pnu_|ntn_|tfp_|pat[A-Za-z0-9]{14}\.|CFPAT-|fio-u-|lin_oauth_|api_org_|sntry[su]_|glc_|glsa_|eyJrIjoi|(?:api|sdk|mob)-[0-9a-f]{8}-)/;
