// Payment and commerce providers: Stripe, Square, Squarespace, Shopify, Plaid, Coinbase, Kraken,
// Flutterwave, GoCardless, Shippo, EasyPost, Etsy.
//
// Test, sandbox and restricted keys are reported as notes (they still reach the image, but do
// not move money on their own): Stripe sk_test_/rk_test_ and rk_live_, Flutterwave _TEST keys,
// Plaid sandbox tokens, GoCardless sandbox_, Shippo shippo_test_, EasyPost EZTK.
import { hasUpperAndLower, keyed, token, type Detector, type KeyedSpec } from '../detector-kit.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const TEST_KEY = 'a test-mode key (reported as a note)';

// sk_live_/rk_live_/sk_test_/rk_test_ + 24 to 247 alphanumerics; webhook signing secrets whsec_.
export const stripeKey = token({
  rule: 'secret/stripe-key',
  anchors: [{ at: '_', before: '[sr]k_live|[sr]k_test|whsec' }],
  back: 7,
  re: /(?<![A-Za-z0-9_])(?:[sr]k_(?:live|test)_[A-Za-z0-9]{20,247}|whsec_[A-Za-z0-9]{32,64})(?![A-Za-z0-9_])/g,
  prefix: 8,
  message: (m) => {
    const v = m[0];
    if (v.startsWith('whsec_')) return 'Stripe webhook signing secret';
    return `Stripe ${v.includes('_test_') ? 'test' : 'live'} ${v.startsWith('rk') ? 'restricted' : 'secret'} key`;
  },
  note: (v) => (v.includes('_test_') ? TEST_KEY : v.startsWith('rk_live_') ? 'a restricted key: it can do only what its permissions allow (reported as a note)' : undefined),
});

// Square: OAuth access tokens sq0atp- (22), application secrets sq0csp- (43), and access tokens
// that are "EAAA" + 60 characters.
export const squareToken = token({
  rule: 'secret/square-token',
  anchors: [
    { at: '-', before: 'sq0atp|sq0csp' },
    { at: 'A', before: '(?<![A-Za-z0-9_-])EAA' },
  ],
  back: 6,
  re: /(?<![A-Za-z0-9_-])(?:sq0atp-[A-Za-z0-9_-]{22}|sq0csp-[A-Za-z0-9_-]{43}|EAAA[A-Za-z0-9_-]{60})(?![A-Za-z0-9_-])/g,
  prefix: 4,
  validate: (v) => !v.startsWith('EAAA') || (hasUpperAndLower(v.slice(4)) && /[0-9]/.test(v)),
  message: (m) => (m[0].startsWith('sq0csp') ? 'Square application secret' : 'Square access token'),
});

const squarespaceKeyed = keyed({
  rule: 'secret/squarespace-key',
  keywords: 'squarespace',
  values: [{ re: UUID, key: /key|token|secret|api/i, message: 'Squarespace API key' }],
});

export const shopifyToken = token({
  rule: 'secret/shopify-token',
  anchors: [{ at: '_', before: 'shp(?:at|ss|ca|pa)' }],
  back: 5,
  re: /(?<![A-Za-z0-9_])shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}(?![A-Za-z0-9_])/g,
  prefix: 6,
  message: (m) => (m[0].startsWith('shpss') ? 'Shopify shared secret' : 'Shopify access token'),
});

// Plaid access tokens access-<env>-<uuid>; the API secret (30 hex) counts next to the word plaid.
export const plaidToken = token({
  rule: 'secret/plaid-token',
  anchors: [{ at: '-', before: '(?<![A-Za-z0-9_-])access' }],
  back: 6,
  re: new RegExp(`(?<![A-Za-z0-9_-])access-(?:sandbox|development|production)-${UUID}(?![A-Za-z0-9_-])`, 'g'),
  message: 'Plaid access token',
  note: (v) => (v.startsWith('access-sandbox-') ? 'a sandbox token (reported as a note)' : undefined),
});

const plaidKeyed = keyed({
  rule: 'secret/plaid-token',
  keywords: 'plaid',
  values: [{ re: '[0-9a-f]{30}', key: /secret/i, message: 'Plaid API secret' }],
});

const coinbaseKeyed = keyed({
  rule: 'secret/coinbase-key',
  keywords: 'coinbase',
  values: [
    { re: '[A-Za-z0-9_-]{64}', key: /secret|token|key|private/i, message: 'Coinbase access token or API secret' },
    { re: '[A-Za-z0-9]{32}', key: /secret/i, message: 'Coinbase API secret', test: (v) => hasUpperAndLower(v) && /[0-9]/.test(v) },
  ],
});

// API keys are 56 base64 characters, private keys 88 (64 bytes): both near the word kraken.
const krakenKeyed = keyed({
  rule: 'secret/kraken-key',
  keywords: 'kraken',
  values: [{ re: '[A-Za-z0-9+/]{56}|[A-Za-z0-9+/]{86}==', key: /key|secret|private|token/i, message: 'Kraken API key or private key', test: (v) => hasUpperAndLower(v) && /[0-9]/.test(v) }],
});

// FLWSECK-<32 hex>-X (secret), FLWPUBK-…-X (public: identifies the account), _TEST variants,
// and the test encryption key FLWSECK_TEST + 12 hex.
export const flutterwaveKey = token({
  rule: 'secret/flutterwave-key',
  anchors: [{ at: 'K', before: 'FLWSEC|FLWPUB' }],
  back: 6,
  re: /(?<![A-Za-z0-9_-])(?:FLW(?:SEC|PUB)K(?:_TEST)?-[0-9a-f]{32}-X|FLWSECK_TEST[0-9a-f]{12})(?![A-Za-z0-9_-])/g,
  prefix: 7,
  validate: (v) => !/0{8}|x{5,}/i.test(v.slice(v.indexOf('-') + 1, -2)),
  message: (m) => (m[0].startsWith('FLWPUBK') ? 'Flutterwave public key' : m[0].includes('-') ? 'Flutterwave secret key' : 'Flutterwave encryption key'),
  note: (v) => (v.includes('_TEST') ? TEST_KEY : v.startsWith('FLWPUBK') ? 'a public key: it identifies the account but cannot charge it (reported as a note)' : undefined),
});

// Access tokens live_ / sandbox_ + 40 characters.
export const gocardlessToken = token({
  rule: 'secret/gocardless-token',
  anchors: [{ at: '_', before: 'live|sandbox' }],
  back: 7,
  re: /(?<![A-Za-z0-9_-])(?:live|sandbox)_[A-Za-z0-9_=-]{40}(?![A-Za-z0-9_=-])/g,
  validate: (v) => {
    const body = v.slice(v.indexOf('_') + 1);
    return hasUpperAndLower(body) && /[0-9]/.test(body) && !/^[a-z]+(?:_[a-z]+)+$/i.test(body);
  },
  message: 'GoCardless access token',
  note: (v) => (v.startsWith('sandbox_') ? 'a sandbox token (reported as a note)' : undefined),
});

export const shippoToken = token({
  rule: 'secret/shippo-token',
  anchors: [{ at: '_', before: 'shippo_live|shippo_test' }],
  back: 12,
  re: /(?<![A-Za-z0-9_])shippo_(?:live|test)_[0-9a-f]{40}(?![A-Za-z0-9_])/g,
  prefix: 12,
  message: 'Shippo API token',
  note: (v) => (v.startsWith('shippo_test_') ? TEST_KEY : undefined),
});

// EZAK (production) and EZTK (test) + 54 alphanumerics.
export const easypostKey = token({
  rule: 'secret/easypost-key',
  anchors: [{ at: 'K', before: 'EZ[AT]' }],
  back: 3,
  re: /(?<![A-Za-z0-9_])EZ[AT]K[A-Za-z0-9]{54}(?![A-Za-z0-9_])/g,
  prefix: 4,
  message: 'EasyPost API key',
  note: (v) => (v.startsWith('EZTK') ? TEST_KEY : undefined),
});

const etsyKeyed = keyed({
  rule: 'secret/etsy-key',
  keywords: 'etsy',
  values: [{ re: '[a-z0-9]{24}', key: /key|secret|token|keystring/i, message: 'Etsy API key', test: (v) => /[0-9]/.test(v) && /[a-z]/.test(v) }],
});

export const PAYMENT_DETECTORS: readonly Detector[] = [
  stripeKey,
  squareToken,
  shopifyToken,
  plaidToken,
  flutterwaveKey,
  gocardlessToken,
  shippoToken,
  easypostKey,
];

/** Prefix-less payment credentials, tried by the assignment detector (providers/generic.ts). */
export const PAYMENT_KEYED: readonly KeyedSpec[] = [squarespaceKeyed, plaidKeyed, coinbaseKeyed, krakenKeyed, etsyKeyed];
