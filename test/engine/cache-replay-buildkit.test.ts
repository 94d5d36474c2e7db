// cache replay against the real engine, buildkit builder (the histories: cache-histories.ts).
import { cacheReplaySuite } from './cache-histories.js';

cacheReplaySuite('buildkit');
