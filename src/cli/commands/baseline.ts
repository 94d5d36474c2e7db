// `ctxcheck baseline`: accept today's findings by writing their fingerprints to a file.
import { count } from '../../units.js';
import type { CAC } from 'cac';
import { join } from 'node:path';
import { atomicWrite } from '../atomic-write.js';
import { BASELINE_FILE, makeBaseline } from '../baseline-file.js';
import { common, withCommonFlags, type RawFlags } from '../common.js';
import { InputError } from '../../errors.js';

export function registerBaseline(cli: CAC, out: NodeJS.WritableStream): void {
  withCommonFlags(cli.command('baseline [context]', `Accept the current findings: write their fingerprints to ${BASELINE_FILE}`))
    .option('-o, --output <file>', `Baseline file (default: ${BASELINE_FILE} in the context)`)
    .option('--format <format>', 'text (a line on stderr) or json (on stdout, schema/baseline.schema.json)', { default: 'text' })
    .example('ctxcheck baseline . && git add .ctxcheck-baseline.json')
    .action(async (context: string | undefined, flags: RawFlags) => {
      if (flags.format !== 'text' && flags.format !== 'json' && flags.format !== undefined) throw new InputError('--format must be text or json');
      const opts = common(flags, context);
      const { analyze } = await import('../../index.js');
      const report = await analyze(opts);
      const file = flags.output ? String(flags.output) : join(opts.context ?? '.', BASELINE_FILE);
      const baseline = makeBaseline(report.findings);
      await atomicWrite(file, JSON.stringify(baseline, null, 2) + '\n');
      if (flags.format === 'json') out.write(JSON.stringify({ version: 1, kind: 'baseline', file, findings: baseline.findings }, null, 2) + '\n');
      else process.stderr.write(`ctxcheck: wrote ${count(report.findings.length, 'finding')} to ${file}\n`);
    });
}
