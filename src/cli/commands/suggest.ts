// `ctxcheck suggest`: propose an ignore file (print, diff or merge it), optionally with a cache
// replay of the change.
import type { CAC } from 'cac';
import { isAbsolute, relative, resolve } from 'node:path';
import { atomicWrite } from '../atomic-write.js';
import { common, withCommonFlags, type RawFlags } from '../common.js';
import { humanSize, parseSize } from '../../units.js';
import { InputError } from '../../errors.js';
import { DEFAULT_LARGE } from '../../pipeline/options.js';

export function registerSuggest(cli: CAC, out: NodeJS.WritableStream): void {
  withCommonFlags(cli.command('suggest [context]', 'Propose an ignore file for this tree and Dockerfile (never breaks a COPY)'))
    .option('--write', 'Merge the proposal into the ignore file (your lines kept verbatim; atomic)')
    .option('--diff', 'Show the change as a unified diff')
    .option('--large <size>', 'Propose (commented) files from this size on', { default: '10MB' })
    .option('--replay <n>', 'Also replay the last n commits: rebuild counts per step before and after (needs git)')
    .example('ctxcheck suggest . > .dockerignore.new')
    .example('ctxcheck suggest --diff')
    .example('ctxcheck suggest --write')
    .action(async (context: string | undefined, flags: RawFlags & { write?: boolean; diff?: boolean; replay?: string | number }) => {
      const large = flags.large === undefined ? DEFAULT_LARGE : parseSize(String(flags.large));
      if (large === null) throw new InputError(`--large: cannot parse size ${JSON.stringify(flags.large)}`);
      const opts = common(flags, context);
      const { suggest } = await import('../../suggest/suggest.js');
      const { unifiedDiff } = await import('../../suggest/diff.js');
      const sug = await suggest({ ...opts, large });
      const cwd = process.cwd();
      const shown = relative(cwd, sug.file) || sug.file;
      if (flags.diff) out.write(unifiedDiff(sug.current, sug.proposed, `a/${shown}`, `b/${shown}`));
      else if (!flags.write) out.write(sug.proposed);
      if (flags.write) {
        const contextDir = resolve(cwd, opts.context ?? '.');
        const rel = relative(contextDir, sug.file);
        if (rel.startsWith('..') || isAbsolute(rel)) throw new InputError(`${shown}: outside the context; refusing to write it`);
        if (sug.proposed !== sug.current) await atomicWrite(sug.file, sug.proposed);
      }
      const b = sug.before;
      const a = sug.after;
      process.stderr.write(
        [
          `ctxcheck suggest: ${sug.rules.filter((r) => !r.review).length} rule(s) for ${shown}${flags.write ? (sug.proposed === sug.current ? ' (already up to date)' : ' (written)') : ''}`,
          `  files     ${b.files} → ${a.files}`,
          `  bytes     ${humanSize(b.bytes)} → ${humanSize(a.bytes)}`,
          `  tar bytes ${humanSize(b.tarBytes)} → ${humanSize(a.tarBytes)}`,
          '',
        ].join('\n'),
      );
      if (flags.replay !== undefined) {
        const commits = Number(flags.replay);
        if (!Number.isInteger(commits) || commits < 1) throw new InputError('--replay must be a positive integer');
        const { compareCache, renderCache } = await import('../cache-compare.js');
        process.stderr.write(renderCache(await compareCache({ ...opts, large, commits })));
      }
    });
}
