// ctxcheck record / predict against the real engine, buildkit builder (the scenarios: predict-suite.ts).
import { predictSuite } from './predict-suite.js';

predictSuite('buildkit');
