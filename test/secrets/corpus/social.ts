// Social and identity providers added for issue #15: Twitter/X, Facebook, LinkedIn, Twitch,
// Okta, Yandex. Formats from the providers' documentation; prefix-less credentials are
// recognised next to the provider's name, so their near misses are the same shapes under keys
// that name an id, a user or a URL.
import { B62, B64URL, DIGITS, HEX, cat, corpus } from '../corpus-kit.js';

const c = corpus('social', 0x50c1);
const r = c.r;
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const mixed = (alphabet: string, n: number): string => cat(r('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1), r('abcdefghijklmnopqrstuvwxyz', 1), r(DIGITS, 1), r(alphabet, n - 3));

// ---- Twitter/X: app-only bearer tokens (a run of A, then URL-encoded base64) ----
const bearer = (): string => cat('A'.repeat(21), r(B62, 4), 'A'.repeat(8), r(B62, 30), '%2B', r(B62, 20), '%3D', r(B62, 30));
c.pos('secret/twitter-token', 'Twitter bearer token', bearer, { key: 'TWITTER_BEARER_TOKEN', in: ['env', 'json', 'py', 'gha'] });
c.pos('secret/twitter-token', 'X bearer token under a generic key', bearer, { key: 'X_API_BEARER', in: ['yaml'] });
c.pos('secret/twitter-token', 'Twitter consumer secret', () => mixed(B62, 50), { key: 'TWITTER_CONSUMER_SECRET', in: ['env', 'yaml', 'js'] });
c.pos('secret/twitter-token', 'Twitter API key', () => mixed(B62, 25), { key: 'TWITTER_API_KEY', in: ['env', 'properties'] });
c.pos('secret/twitter-token', 'Twitter access token', () => cat(r('123456789', 1), r(DIGITS, 18), '-', r(B62, 40)), { key: 'TWITTER_ACCESS_TOKEN', in: ['env', 'json'] });
c.pos('secret/twitter-token', 'Twitter access token secret', () => mixed(B62, 45), { key: 'TWITTER_ACCESS_TOKEN_SECRET', in: ['py'] });
c.near('secret/twitter-token', 'run of A that is base64 of zero bytes', () => cat('A'.repeat(40), '='), { key: 'EMPTY_BLOB', in: ['json'] });
c.near('secret/twitter-token', 'Twitter user id', () => r(DIGITS, 19), { key: 'TWITTER_USER_ID', in: ['env'] });
c.placeholder('secret/twitter-token', 'Twitter bearer template', () => '<your-twitter-bearer-token>', { key: 'TWITTER_BEARER_TOKEN', in: ['env', 'md'] });
c.placeholder('secret/twitter-token', 'Twitter consumer secret x-filled', () => 'x'.repeat(50), { key: 'TWITTER_CONSUMER_SECRET', in: ['yaml'] });

// ---- Facebook: EAA… access tokens; 32-hex app secret near facebook ----
c.pos('secret/facebook-token', 'Facebook Graph API user token', () => cat('EAAC', 'EdEose0cBA', mixed(B62, 160)), { key: 'FB_ACCESS_TOKEN', in: ['env', 'json'] });
c.pos('secret/facebook-token', 'Facebook page access token', () => cat('EA', 'A', r('BCDGHIJKLMNOPQRSTUVWXYZ', 1), mixed(B62, 180)), { key: 'PAGE_ACCESS_TOKEN', in: ['yaml', 'py'] });
c.pos('secret/facebook-token', 'Facebook app secret', () => r(HEX, 32), { key: 'FACEBOOK_APP_SECRET', in: ['env', 'yaml', 'ts', 'properties'] });
c.pos('secret/facebook-token', 'Facebook app access token', () => cat(r('123456789', 1), r(DIGITS, 14), '|', r(B64URL, 27)), { key: 'FACEBOOK_ACCESS_TOKEN', in: ['env'] });
c.near('secret/facebook-token', 'Facebook app id', () => r(DIGITS, 15), { key: 'FACEBOOK_APP_ID', in: ['env', 'json'] });
c.near('secret/facebook-token', 'EAA followed by a short word', () => cat('EA', 'A', mixed(B62, 20)), { key: 'FB_PIXEL_LABEL', in: ['env'] });
c.placeholder('secret/facebook-token', 'Facebook app secret placeholder', () => '{FACEBOOK_APP_SECRET}', { key: 'FACEBOOK_APP_SECRET', in: ['env', 'md'] });

// ---- LinkedIn: client secret 16 alphanumerics near linkedin ----
c.pos('secret/linkedin-secret', 'LinkedIn client secret', () => mixed(B62, 16), { key: 'LINKEDIN_CLIENT_SECRET', in: ['env', 'json', 'yaml', 'py'] });
c.near('secret/linkedin-secret', 'LinkedIn client id (14 characters)', () => mixed(LOWER_ALNUM, 14), { key: 'LINKEDIN_CLIENT_ID', in: ['env'] });
c.near('secret/linkedin-secret', 'LinkedIn company page name', () => 'acme-corporation', { key: 'LINKEDIN_COMPANY', in: ['yaml'] });
c.placeholder('secret/linkedin-secret', 'LinkedIn secret placeholder', () => 'your_client_secret', { key: 'LINKEDIN_CLIENT_SECRET', in: ['env', 'md'] });

// ---- Twitch: 30 lower-case alphanumerics near twitch ----
c.pos('secret/twitch-token', 'Twitch client secret', () => cat(r(DIGITS, 2), r('abcdefghijklmnopqrstuvwxyz', 2), r(LOWER_ALNUM, 26)), { key: 'TWITCH_CLIENT_SECRET', in: ['env', 'json', 'ts'] });
c.pos('secret/twitch-token', 'Twitch chat OAuth token', () => cat('oauth:', r(DIGITS, 2), r('abcdefghijklmnopqrstuvwxyz', 2), r(LOWER_ALNUM, 26)), { key: 'TWITCH_OAUTH_TOKEN', in: ['yaml', 'env'] });
c.near('secret/twitch-token', 'Twitch client id', () => cat(r(DIGITS, 2), r(LOWER_ALNUM, 28)), { key: 'TWITCH_CLIENT_ID', in: ['env'] });
c.placeholder('secret/twitch-token', 'Twitch secret placeholder', () => 'REPLACE_WITH_TWITCH_SECRET', { key: 'TWITCH_CLIENT_SECRET', in: ['env', 'md'] });

// ---- Okta: API tokens 00 + 40 near okta ----
c.pos('secret/okta-token', 'Okta API token', () => cat('00', mixed(B64URL, 40)), { key: 'OKTA_API_TOKEN', in: ['env', 'yaml', 'tf', 'json'] });
{
  const t = cat('00', mixed(B64URL, 40));
  c.raw('pos', 'secret/okta-token', 'Okta SSWS header', 'scripts/okta.sh', `#!/bin/sh\n# okta admin call\ncurl -H "Authorization: SSWS ${t}" https://acme.okta.com/api/v1/users\n`, t);
}
c.near('secret/okta-token', 'Okta org URL', () => 'https://acme.okta.com', { key: 'OKTA_ORG_URL', in: ['env'] });
c.near('secret/okta-token', 'Okta client id', () => cat('0oa', r(B62, 17)), { key: 'OKTA_CLIENT_ID', in: ['env'] });
c.placeholder('secret/okta-token', 'Okta token placeholder', () => cat('00', 'x'.repeat(40)), { key: 'OKTA_API_TOKEN', in: ['env', 'md'] });

// ---- Yandex: AQVN API keys, y0_ OAuth tokens, t1. IAM tokens ----
c.pos('secret/yandex-key', 'Yandex Cloud API key', () => cat('AQ', 'VN', mixed(B64URL, 36)), { key: 'YC_API_KEY', in: ['env', 'json', 'tf'] });
c.pos('secret/yandex-key', 'Yandex OAuth token', () => cat('y0', '_', mixed(B64URL, 55)), { key: 'YANDEX_OAUTH_TOKEN', in: ['env', 'yaml'] });
c.pos('secret/yandex-key', 'Yandex Cloud IAM token', () => cat('t1', '.', mixed(B64URL, 40), '.', mixed(B64URL, 86)), { key: 'YC_IAM_TOKEN', in: ['env', 'sh'] });
c.near('secret/yandex-key', 'AQVN key too short', () => cat('AQ', 'VN', mixed(B64URL, 20)), { key: 'YC_API_KEY', in: ['env'] });
c.near('secret/yandex-key', 't1. version string', () => cat('t1', '.', r(DIGITS, 2), '.', r(DIGITS, 3)), { key: 'TOOL_VERSION', in: ['yaml'] });
c.placeholder('secret/yandex-key', 'Yandex OAuth placeholder', () => cat('y0', '_', 'X'.repeat(55)), { key: 'YANDEX_OAUTH_TOKEN', in: ['env', 'md'] });

export default c.module();
