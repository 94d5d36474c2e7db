// Social and identity providers: Twitter/X, Facebook, LinkedIn, Twitch, Okta, Yandex.
import { hasUpperAndLower, keyed, token, type Detector, type KeyedSpec, type ShapedValue } from '../detector-kit.js';
import { hasPlaceholderMarker, isLowEntropy } from '../placeholder.js';

const mixed = (v: string): boolean => hasUpperAndLower(v) && /[0-9]/.test(v);

// App-only bearer tokens: a run of "A"s (the zero-padded app id), then URL-encoded base64 (%2B,
// %2F, %3D) to 100-130 characters. The padding is the format, so the placeholder check looks
// only at what follows the leading run.
export const twitterBearer = token({
  rule: 'secret/twitter-token',
  // Anchored on the run's last "A" (the next character is not one), proved by a lookbehind over the
  // run from there. Anchored on its 20th "A" (lookbehind A{19}), every "A" of a long run matched:
  // base64 of zero bytes (embedded fonts, images) cost the pre-filter 309 ms per MB, ~150x text.
  anchors: [{ at: 'A', after: '[B-Za-z0-9%](?<=(?<![A-Za-z0-9%])A{20,24}[B-Za-z0-9%])' }],
  back: 24,
  re: /(?<![A-Za-z0-9%])A{20,24}[B-Za-z0-9%][A-Za-z0-9%]{60,130}(?![A-Za-z0-9%])/g,
  validate(v) {
    const tail = v.replace(/^A+/, '');
    return /%[0-9A-F]{2}|[0-9]/.test(tail) && hasUpperAndLower(tail) && !hasPlaceholderMarker(tail.replace(/A{8,}/g, '')) && !isLowEntropy(tail, 16);
  },
  placeholderCheck: false,
  message: 'Twitter/X app-only bearer token',
});

const twitterKeyed = keyed({
  rule: 'secret/twitter-token',
  keywords: 'twitter|tweet',
  values: [
    { re: '[0-9]{6,20}-[A-Za-z0-9]{20,40}', key: /token|access/i, message: 'Twitter/X access token' },
    { re: '[A-Za-z0-9]{50}|[A-Za-z0-9]{45}', key: /secret/i, message: 'Twitter/X consumer or access-token secret', test: mixed },
    { re: '[A-Za-z0-9]{25}', key: /key|consumer|api/i, message: 'Twitter/X API (consumer) key', test: mixed },
  ],
});

// Graph API explorer / user tokens (EAACEdEose0cBA…) and other long-lived "EAA" tokens of 90+
// characters (Square's EAAA tokens are exactly 64 and belong to square-token).
export const facebookToken = token({
  rule: 'secret/facebook-token',
  anchors: [{ at: 'A', before: '(?<![A-Za-z0-9_-])EA' }],
  back: 2,
  re: /(?<![A-Za-z0-9_-])EAA[A-Za-z0-9]{90,400}(?![A-Za-z0-9_-])/g,
  prefix: 3,
  validate: (v) => mixed(v.slice(3)),
  message: (m) => (m[0].startsWith('EAACEdEose0cBA') ? 'Facebook Graph API user access token' : 'Facebook access token (EAA…)'),
});

const facebookKeyed = keyed({
  rule: 'secret/facebook-token',
  keywords: 'facebook|fb[_ -]?app',
  values: [
    { re: '[0-9a-f]{32}', key: /secret|key|token/i, message: 'Facebook app secret' },
    { re: '[0-9]{15,16}\\|[A-Za-z0-9_-]{27}', key: /token|access/i, message: 'Facebook app access token' },
  ],
});

const linkedinKeyed = keyed({
  rule: 'secret/linkedin-secret',
  keywords: 'linked[_ -]?in',
  values: [{ re: '[A-Za-z0-9]{16}', key: /secret/i, message: 'LinkedIn client secret', test: mixed }],
});

const twitchKeyed = keyed({
  rule: 'secret/twitch-token',
  keywords: 'twitch',
  values: [{ re: '(?:oauth:)?[a-z0-9]{30}', key: /secret|token|oauth|key|password/i, message: 'Twitch client secret or OAuth token', test: (v) => /[0-9]/.test(v) && /[a-z]/.test(v.replace(/^oauth:/, '')) }],
});

// API tokens: "00" + 40 characters, next to the word okta.
const oktaKeyed = keyed({
  rule: 'secret/okta-token',
  keywords: 'okta',
  values: [{ re: '00[A-Za-z0-9_-]{40}', key: /token|key|secret|api|ssws/i, message: 'Okta API token', test: (v) => mixed(v.slice(2)) }],
});

// Okta's own Authorization scheme: `Authorization: SSWS 00…`.
export const oktaSsws = token({
  rule: 'secret/okta-token',
  anchors: [{ at: ':', before: `[Aa]uthorization["']?`, subsumed: true }], // the same as the Authorization header's (forms.ts)
  back: 0,
  re: /SSWS[ \t]+(00[A-Za-z0-9_-]{40})(?![A-Za-z0-9_-])/dg,
  group: 1,
  prefix: 2,
  message: 'Okta API token (Authorization: SSWS)',
});

// Yandex OAuth tokens (y0_…, y1_…, y2_…, y3_…) and Cloud IAM tokens (t1.…); Cloud API keys
// (AQVN…) are recognised where they are assigned (SOCIAL_SHAPED).
export const yandexKey = token({
  rule: 'secret/yandex-key',
  anchors: [
    { at: '_', before: '(?<![A-Za-z0-9_])y[0-3]' },
    { at: '.', before: '(?<![A-Za-z0-9_.-])t1' },
  ],
  back: 3,
  re: /(?<![A-Za-z0-9_.-])(?:y[0-3]_[A-Za-z0-9_-]{55}|t1\.[A-Za-z0-9_-]+={0,2}\.[A-Za-z0-9_-]{86}={0,2})(?![A-Za-z0-9_=-])/g,
  prefix: 3,
  validate: (v) => mixed(v.slice(3)),
  message: (m) => (m[0].startsWith('t1.') ? 'Yandex Cloud IAM token' : 'Yandex OAuth token'),
});

export const SOCIAL_DETECTORS: readonly Detector[] = [twitterBearer, facebookToken, oktaSsws, yandexKey];

/** Prefix-less social credentials, tried by the assignment detector (providers/generic.ts). */
export const SOCIAL_KEYED: readonly KeyedSpec[] = [twitterKeyed, facebookKeyed, linkedinKeyed, twitchKeyed, oktaKeyed];

/** Social values recognised by shape where they are assigned (providers/generic.ts). */
export const SOCIAL_SHAPED: readonly ShapedValue[] = [
  { rule: 'secret/yandex-key', re: /^AQVN[A-Za-z0-9_-]{35,38}$/, test: (v) => mixed(v.slice(4)), message: 'Yandex Cloud API key' },
];
