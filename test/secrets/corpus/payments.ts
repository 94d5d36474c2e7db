// Payment and commerce providers added for issue #15: Stripe test, restricted and webhook keys,
// Square, Squarespace, Shopify's other token kinds, Plaid, Coinbase, Kraken, Flutterwave,
// GoCardless, Shippo, EasyPost, Etsy. Formats from the providers' documentation. Test, sandbox
// and restricted keys are positives here (they are reported), with a note severity checked in
// test/secrets/severity.test.ts.
import { B62, B64, B64URL, DIGITS, HEX, cat, corpus, uuid } from '../corpus-kit.js';

const c = corpus('payments', 0x9a75);
const r = c.r;
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const mixed = (n: number): string => cat(r('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1), r('abcdefghijklmnopqrstuvwxyz', 1), r(DIGITS, 1), r(B62, n - 3));

// ---- Stripe ----
c.pos('secret/stripe-key', 'Stripe test secret key (a note)', () => cat('sk', '_te', 'st_', r(B62, 99)), { key: 'STRIPE_SECRET_KEY', in: ['env', 'json'] });
c.pos('secret/stripe-key', 'Stripe test restricted key (a note)', () => cat('rk', '_te', 'st_', r(B62, 99)), { key: 'STRIPE_RESTRICTED_KEY', in: ['yaml'] });
c.pos('secret/stripe-key', 'Stripe webhook signing secret', () => cat('wh', 'sec_', r(B62, 32)), { key: 'STRIPE_WEBHOOK_SECRET', in: ['env', 'ts', 'gha'] });
c.near('secret/stripe-key', 'Stripe publishable key (public by design)', () => cat('pk', '_li', 've_', r(B62, 99)), { key: 'STRIPE_PUBLISHABLE_KEY', in: ['js', 'env'] });
c.placeholder('secret/stripe-key', 'Stripe test key template', () => cat('sk', '_te', 'st_', '<your-test-key>'), { key: 'STRIPE_SECRET_KEY', in: ['md'] });

// ---- Square: sq0atp- 22, sq0csp- 43, EAAA + 60 ----
c.pos('secret/square-token', 'Square OAuth access token', () => cat('sq0', 'atp-', r(B64URL, 22)), { key: 'SQUARE_ACCESS_TOKEN', in: ['env', 'json'] });
c.pos('secret/square-token', 'Square application secret', () => cat('sq0', 'csp-', r(B64URL, 43)), { key: 'SQUARE_APP_SECRET', in: ['yaml', 'py'] });
c.pos('secret/square-token', 'Square EAAA access token', () => cat('EA', 'AA', mixed(60)), { key: 'SQUARE_ACCESS_TOKEN', in: ['env', 'tfvars', 'compose'] });
c.near('secret/square-token', 'sq0atp- too short', () => cat('sq0', 'atp-', r(B64URL, 12)), { key: 'SQUARE_ACCESS_TOKEN', in: ['env'] });
c.near('secret/square-token', 'Square application id', () => cat('sq0', 'idp-', r(B64URL, 22)), { key: 'SQUARE_APPLICATION_ID', in: ['json'] });
c.placeholder('secret/square-token', 'Square token placeholder', () => cat('EA', 'AA', 'x'.repeat(60)), { key: 'SQUARE_ACCESS_TOKEN', in: ['md'] });

// ---- Squarespace: a uuid near squarespace ----
c.pos('secret/squarespace-key', 'Squarespace API key', () => uuid(r), { key: 'SQUARESPACE_API_KEY', in: ['env', 'json', 'yaml'] });
c.near('secret/squarespace-key', 'Squarespace site id', () => uuid(r), { key: 'SQUARESPACE_SITE_ID', in: ['env'] });
c.placeholder('secret/squarespace-key', 'Squarespace key zeros', () => '00000000-0000-0000-0000-000000000000', { key: 'SQUARESPACE_API_KEY', in: ['env'] });

// ---- Shopify: the other prefixes ----
c.pos('secret/shopify-token', 'Shopify shared secret', () => cat('shp', 'ss_', r(HEX, 32)), { key: 'SHOPIFY_API_SECRET', in: ['env', 'yaml'] });
c.pos('secret/shopify-token', 'Shopify custom-app token', () => cat('shp', 'ca_', r(HEX, 32)), { key: 'SHOPIFY_TOKEN', in: ['json'] });
c.pos('secret/shopify-token', 'Shopify private-app password', () => cat('shp', 'pa_', r(HEX, 32)), { key: 'SHOPIFY_PASSWORD', in: ['properties'] });
c.near('secret/shopify-token', 'shpss_ with non-hex characters', () => cat('shp', 'ss_', r('ghijklmnopqrstuvwxyz', 32)), { key: 'SHOPIFY_API_SECRET_NAME', in: ['env'] });

// ---- Plaid ----
c.pos('secret/plaid-token', 'Plaid production access token', () => cat('access', '-production-', uuid(r)), { key: 'PLAID_ACCESS_TOKEN', in: ['env', 'json'] });
c.pos('secret/plaid-token', 'Plaid sandbox access token (a note)', () => cat('access', '-sandbox-', uuid(r)), { key: 'PLAID_ACCESS_TOKEN', in: ['yaml'] });
c.pos('secret/plaid-token', 'Plaid secret', () => r(HEX, 30), { key: 'PLAID_SECRET', in: ['env', 'py', 'gha'] });
c.near('secret/plaid-token', 'Plaid client id', () => r(HEX, 24), { key: 'PLAID_CLIENT_ID', in: ['env'] });
c.near('secret/plaid-token', 'access- token with an unknown environment', () => cat('access', '-staging-', uuid(r)), { key: 'PLAID_TOKEN_NAME', in: ['json'] });
c.placeholder('secret/plaid-token', 'Plaid secret placeholder', () => '<plaid-secret>', { key: 'PLAID_SECRET', in: ['env', 'md'] });

// ---- Coinbase ----
c.pos('secret/coinbase-key', 'Coinbase access token', () => r(B64URL, 64), { key: 'COINBASE_ACCESS_TOKEN', in: ['env', 'json'] });
c.pos('secret/coinbase-key', 'Coinbase API secret', () => mixed(32), { key: 'COINBASE_API_SECRET', in: ['yaml', 'ts'] });
c.near('secret/coinbase-key', 'Coinbase account id', () => uuid(r), { key: 'COINBASE_ACCOUNT_ID', in: ['env'] });
c.placeholder('secret/coinbase-key', 'Coinbase secret placeholder', () => 'YOUR_COINBASE_API_SECRET', { key: 'COINBASE_API_SECRET', in: ['env', 'md'] });

// ---- Kraken: API key 56 base64, private key 88 base64 ----
c.pos('secret/kraken-key', 'Kraken API key', () => cat(r('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1), r('abcdefghijklmnopqrstuvwxyz', 1), r(DIGITS, 1), r(B64, 53)), { key: 'KRAKEN_API_KEY', in: ['env', 'yaml'] });
c.pos('secret/kraken-key', 'Kraken private key', () => cat(r('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1), r('abcdefghijklmnopqrstuvwxyz', 1), r(DIGITS, 1), r(B64, 83), '=='), { key: 'KRAKEN_PRIVATE_KEY', in: ['env', 'json', 'py'] });
c.near('secret/kraken-key', 'Kraken nonce window', () => r(DIGITS, 12), { key: 'KRAKEN_NONCE_WINDOW', in: ['env'] });
c.placeholder('secret/kraken-key', 'Kraken key placeholder', () => '${KRAKEN_API_KEY}', { key: 'KRAKEN_API_KEY', in: ['compose'] });

// ---- Flutterwave ----
c.pos('secret/flutterwave-key', 'Flutterwave live secret key', () => cat('FLWSE', 'CK-', r(HEX, 32), '-X'), { key: 'FLW_SECRET_KEY', in: ['env', 'json', 'js'] });
c.pos('secret/flutterwave-key', 'Flutterwave test secret key (a note)', () => cat('FLWSE', 'CK_TEST-', r(HEX, 32), '-X'), { key: 'FLW_SECRET_KEY', in: ['yaml'] });
c.pos('secret/flutterwave-key', 'Flutterwave test encryption key (a note)', () => cat('FLWSE', 'CK_TEST', r(HEX, 12)), { key: 'FLW_ENCRYPTION_KEY', in: ['env'] });
c.near('secret/flutterwave-key', 'FLWSECK- without its -X suffix', () => cat('FLWSE', 'CK-', r(HEX, 32)), { key: 'FLW_KEY_FORMAT', in: ['env'] });
c.placeholder('secret/flutterwave-key', 'Flutterwave key placeholder', () => cat('FLWSE', 'CK-', 'x'.repeat(32), '-X'), { key: 'FLW_SECRET_KEY', in: ['md'] });

// ---- GoCardless: live_ / sandbox_ + 40 ----
c.pos('secret/gocardless-token', 'GoCardless live token', () => cat('li', 've_', mixed(40)), { key: 'GOCARDLESS_ACCESS_TOKEN', in: ['env', 'json', 'properties'] });
c.pos('secret/gocardless-token', 'GoCardless sandbox token (a note)', () => cat('sand', 'box_', mixed(40)), { key: 'GC_ACCESS_TOKEN', in: ['yaml'] });
c.near('secret/gocardless-token', 'live_ + 20 characters', () => cat('li', 've_', mixed(20)), { key: 'STREAM_NAME', in: ['env'] });
c.near('secret/gocardless-token', 'live_ words', () => 'live_stream_recording_settings_for_the_q3_event', { key: 'FEATURE', in: ['yaml'] });
c.placeholder('secret/gocardless-token', 'GoCardless token placeholder', () => cat('li', 've_', 'X'.repeat(40)), { key: 'GOCARDLESS_ACCESS_TOKEN', in: ['md'] });

// ---- Shippo ----
c.pos('secret/shippo-token', 'Shippo live token', () => cat('shippo', '_live_', r(HEX, 40)), { key: 'SHIPPO_API_TOKEN', in: ['env', 'py', 'json'] });
c.pos('secret/shippo-token', 'Shippo test token (a note)', () => cat('shippo', '_test_', r(HEX, 40)), { key: 'SHIPPO_API_TOKEN', in: ['yaml'] });
c.near('secret/shippo-token', 'shippo_live_ with 20 hex', () => cat('shippo', '_live_', r(HEX, 20)), { key: 'SHIPPO_API_TOKEN', in: ['env'] });
c.placeholder('secret/shippo-token', 'Shippo token placeholder', () => cat('shippo', '_live_', '<your-token>'), { key: 'SHIPPO_API_TOKEN', in: ['md'] });

// ---- EasyPost ----
c.pos('secret/easypost-key', 'EasyPost production key', () => cat('EZ', 'AK', r(LOWER_ALNUM, 54)), { key: 'EASYPOST_API_KEY', in: ['env', 'json', 'go'] });
c.pos('secret/easypost-key', 'EasyPost test key (a note)', () => cat('EZ', 'TK', r(LOWER_ALNUM, 54)), { key: 'EASYPOST_TEST_API_KEY', in: ['yaml'] });
c.near('secret/easypost-key', 'EZAK with 40 characters', () => cat('EZ', 'AK', r(LOWER_ALNUM, 40)), { key: 'EASYPOST_API_KEY', in: ['env'] });
c.placeholder('secret/easypost-key', 'EasyPost key placeholder', () => cat('EZ', 'AK', 'x'.repeat(54)), { key: 'EASYPOST_API_KEY', in: ['md'] });

// ---- Etsy: keystring 24 lower-case alphanumerics near etsy ----
c.pos('secret/etsy-key', 'Etsy API keystring', () => cat(r(DIGITS, 2), r('abcdefghijklmnopqrstuvwxyz', 2), r(LOWER_ALNUM, 20)), { key: 'ETSY_API_KEY', in: ['env', 'json', 'py'] });
c.near('secret/etsy-key', 'Etsy shop id', () => r(DIGITS, 8), { key: 'ETSY_SHOP_ID', in: ['env'] });
c.placeholder('secret/etsy-key', 'Etsy key placeholder', () => 'your_etsy_keystring', { key: 'ETSY_API_KEY', in: ['env'] });

export default c.module();
