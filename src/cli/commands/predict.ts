// `ctxcheck predict`: which steps the next build reruns and why — against the last
// `ctxcheck record`, or (--against <ref>) against the build of a git ref, for CI.
import type { CAC } from 'cac';
import { common, withCommonFlags } from '../common.js';
import { InputError } from '../../errors.js';
import type { RecordFlags } from './record.js';

export function registerPredict(cli: CAC, out: NodeJS.WritableStream): void {
  withCommonFlags(cli.command('predict [context]', 'What the next build rebuilds and why: against the last ctxcheck record, or the build of a git ref (--against)'))
    .option('--against <ref>', 'Compare with the build of this git ref instead (both sides as fresh checkouts, as in CI)')
    .option('--record-file <path>', 'The record to compare with (default: where ctxcheck record keeps it)')
    .option('--format <format>', 'text or json', { default: 'text' })
    .example('ctxcheck predict .')
    .example('ctxcheck predict . --against origin/main')
    .action(async (context: string | undefined, flags: RecordFlags & { against?: string }) => {
      if (flags.format !== undefined && flags.format !== 'text' && flags.format !== 'json') throw new InputError('--format must be text or json');
      const opts = common(flags, context);
      // Loaded here, not at start-up: the prediction pipeline is only this command's (and record's).
      const { predictFromRecord, predictFromRef } = await import('../../pipeline/predict.js');
      const { recordFileFor, readRecord } = await import('../record-file.js');
      const { renderPrediction } = await import('../predict-render.js');
      let prediction;
      let file: string | null = null;
      if (flags.against !== undefined) {
        if (flags.recordFile !== undefined) throw new InputError('--against and --record-file exclude each other');
        if (String(flags.against) === '') throw new InputError('--against needs a git ref');
        prediction = await predictFromRef(opts, String(flags.against));
      } else {
        file = recordFileFor(opts, flags.recordFile);
        const record = readRecord(file, false);
        if (record === null) throw new InputError(`no build record for this build (${file}): run \`ctxcheck record\` right after the build`);
        prediction = await predictFromRecord(opts, record);
      }
      if (flags.format === 'json') out.write(JSON.stringify(file === null ? prediction : { ...prediction, recordFile: file }, null, 2) + '\n');
      else out.write(renderPrediction(prediction, file));
    });
}
