// Preloaded (node --require) into a measured ctxcheck run: reports the process's peak resident
// set size (worker threads included) on stderr when it exits, for `npm run bench`.
'use strict';
process.on('exit', () => {
  process.stderr.write(`\nCTXCHECK_BENCH_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`);
});
