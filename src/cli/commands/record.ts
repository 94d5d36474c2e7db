// `ctxcheck record`: write down the state the build just used (run it right after docker
// build), for `ctxcheck predict`. The record goes outside the context (see cli/record-file.ts).
import type { CAC } from 'cac';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { count } from '../../units.js';
import { common, withCommonFlags, type RawFlags } from '../common.js';
import { InputError } from '../../errors.js';
import { atomicWrite } from '../atomic-write.js';

export type RecordFlags = RawFlags & { recordFile?: string };

export function registerRecord(cli: CAC, out: NodeJS.WritableStream): void {
  withCommonFlags(cli.command('record [context]', 'Record the state the last build used (run it right after docker build), for ctxcheck predict'))
    .option('--record-file <path>', 'Where to keep the record (default: under the user cache directory, outside the context)')
    .option('--format <format>', 'text or json', { default: 'text' })
    .example('docker build . && ctxcheck record .')
    .action(async (context: string | undefined, flags: RecordFlags) => {
      if (flags.format !== undefined && flags.format !== 'text' && flags.format !== 'json') throw new InputError('--format must be text or json');
      const opts = common(flags, context);
      // Loaded here, not at start-up: the prediction pipeline is only this command's (and predict's).
      const { recordBuild } = await import('../../pipeline/predict.js');
      const { recordFileFor, readRecord } = await import('../record-file.js');
      const file = recordFileFor(opts, flags.recordFile);
      const record = recordBuild(opts, readRecord(file, true));
      try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
      } catch (err) {
        throw new InputError(`${path.dirname(file)}: cannot create (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      }
      await atomicWrite(file, JSON.stringify(record) + '\n');
      const files = Object.keys(record.files).length;
      if (flags.format === 'json') {
        out.write(JSON.stringify({ file, recordedAt: record.recordedAt, steps: record.steps.length, files, builds: record.builds.length }, null, 2) + '\n');
      } else {
        const df = record.inputs.dockerfile === null ? 'the inline Dockerfile' : path.relative(process.cwd(), record.inputs.dockerfile) || record.inputs.dockerfile;
        out.write(`Recorded ${count(record.steps.length, 'cache step')} (${count(files, 'file')} hashed) of ${df} (${record.inputs.builder}): ${file}\n`);
      }
    });
}
