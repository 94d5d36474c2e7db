#!/usr/bin/env node
// Thin shim: all logic lives in the compiled CLI so the library stays import-safe.
import { main } from '../dist/cli/main.js';

await main(process.argv);
