// Payment providers already detected before issue #15 (Stripe, Shopify). New payment
// providers live in their own modules of the same family.
import { B62, HEX, cat, corpus } from '../corpus-kit.js';

const c = corpus('payments', 0x9a7);
const r = c.r;

c.pos('secret/stripe-key', 'Stripe live secret key', () => cat('sk', '_li', 've_', r(B62, 24)), { key: 'STRIPE_SECRET_KEY', in: ['env', 'yaml', 'py'] });
c.pos('secret/stripe-key', 'Stripe live restricted key', () => cat('rk', '_li', 've_', r(B62, 24)), { key: 'STRIPE_KEY', in: ['json'] });
c.near('secret/stripe-key', 'Stripe live key too short', () => cat('sk', '_li', 've_', r(B62, 10)), { key: 'STRIPE_SECRET_KEY', in: ['env'] });
c.placeholder('secret/stripe-key', 'Stripe live key placeholder', () => cat('sk', '_li', 've_', 'xxxxxxxxxxxxxxxxxxxxxxxx'), { key: 'STRIPE_SECRET_KEY', in: ['md'] });

c.pos('secret/shopify-token', 'Shopify admin token', () => cat('shp', 'at_', r(HEX, 32)), { key: 'SHOPIFY_ACCESS_TOKEN', in: ['env', 'json'] });
c.near('secret/shopify-token', 'shpat_ + 31 hex', () => cat('shp', 'at_', r(HEX, 31)), { key: 'SHOPIFY_ACCESS_TOKEN', in: ['env'] });
c.placeholder('secret/shopify-token', 'shpat_ zeros', () => cat('shp', 'at_', '0'.repeat(32)), { key: 'SHOPIFY_ACCESS_TOKEN', in: ['md'] });

export default c.module();
