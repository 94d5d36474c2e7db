// `ctxcheck cache`: replay the git history and count rebuilds per step, before and after the
// suggestions.
import type { CAC } from 'cac';
import { common, withCommonFlags, type RawFlags } from '../common.js';
import { InputError } from '../../errors.js';
import { progressLine } from '../progress.js';

export function registerCache(cli: CAC, out: NodeJS.WritableStream): void {
  withCommonFlags(cli.command('cache [context]', 'Replay the git history: how often each Dockerfile step would rebuild, before and after the suggestions'))
    .option('--commits <n>', 'How many recent commits to replay', { default: 20 })
    .option('--cache-model <model>', 'local: the builder keeps every earlier build (docker build\'s default); previous: only the previous commit\'s build is cached (a CI cache)', { default: 'local' })
    .option('--format <format>', 'text or json', { default: 'text' })
    .option('-q, --quiet', 'No progress line on stderr')
    .example('ctxcheck cache . --commits 50')
    .example('ctxcheck cache . --cache-model previous')
    .action(async (context: string | undefined, flags: RawFlags & { commits?: number | string; cacheModel?: string; quiet?: boolean }) => {
      const commits = Number(flags.commits ?? 20);
      if (!Number.isInteger(commits) || commits < 1) throw new InputError('--commits must be a positive integer');
      const cacheModel = flags.cacheModel ?? 'local';
      if (cacheModel !== 'local' && cacheModel !== 'previous') throw new InputError('--cache-model must be local or previous');
      const { compareCache, renderCache } = await import('../cache-compare.js');
      if (flags.format !== undefined && flags.format !== 'text' && flags.format !== 'json') throw new InputError('--format must be text or json');
      const progress = flags.quiet ? null : progressLine();
      let result;
      try {
        result = await compareCache({ ...common(flags, context), commits, cacheModel, ...(progress ? { onPhase: progress.phase } : {}) });
      } finally {
        progress?.done();
      }
      if (flags.format === 'json') out.write(JSON.stringify(result, null, 2) + '\n');
      else if (flags.format === 'text' || flags.format === undefined) out.write(renderCache(result));
      else throw new InputError('--format must be text or json');
    });
}
