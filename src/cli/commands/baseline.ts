// `ctxcheck baseline`: accept today's findings by writing their fingerprints to a file.
import { count } from '../../units.js';
import type { CAC } from 'cac';
import { join } from 'node:path';
import { atomicWrite } from '../atomic-write.js';
import { BASELINE_FILE, makeBaseline } from '../baseline-file.js';
import { common, withCommonFlags, type RawFlags } from '../common.js';
import { analyze } from '../../index.js';

export function registerBaseline(cli: CAC): void {
  withCommonFlags(cli.command('baseline [context]', `Accept the current findings: write their fingerprints to ${BASELINE_FILE}`))
    .option('-o, --output <file>', `Baseline file (default: ${BASELINE_FILE} in the context)`)
    .example('ctxcheck baseline . && git add .ctxcheck-baseline.json')
    .action(async (context: string | undefined, flags: RawFlags) => {
      const opts = common(flags, context);
      const report = await analyze(opts);
      const file = flags.output ? String(flags.output) : join(opts.context ?? '.', BASELINE_FILE);
      await atomicWrite(file, JSON.stringify(makeBaseline(report.findings), null, 2) + '\n');
      process.stderr.write(`ctxcheck: wrote ${count(report.findings.length, 'finding')} to ${file}\n`);
    });
}
