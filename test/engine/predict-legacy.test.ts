// ctxcheck record / predict against the real engine, legacy builder (the scenarios: predict-suite.ts).
import { predictSuite } from './predict-suite.js';

predictSuite('legacy');
