// cache replay against the real engine, legacy builder (the histories: cache-histories.ts).
import { cacheReplaySuite } from './cache-histories.js';

cacheReplaySuite('legacy');
