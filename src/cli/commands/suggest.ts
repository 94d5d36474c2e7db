// `ctxcheck suggest`: propose an ignore file for every build that uses it (print, diff, check,
// merge it, or JSON), optionally with a cache replay of the change. The work after flag
// parsing is in ../suggest-run.ts.
import type { CAC } from 'cac';
import { common, composeFilesFlag, withCommonFlags, type RawFlags } from '../common.js';
import { parseSize } from '../../units.js';
import { InputError } from '../../errors.js';
import { DEFAULT_LARGE } from '../../pipeline/options.js';
import { progressLine } from '../progress.js';
import { hasRootDockerfile } from './report.js';

export function registerSuggest(cli: CAC, out: NodeJS.WritableStream): void {
  withCommonFlags(cli.command('suggest [context]', 'Propose an ignore file, proved against every build that uses it (never breaks a COPY)'))
    .option('--write', 'Merge the proposal into the ignore file (your lines kept verbatim; atomic)')
    .option('--diff', 'Show the change as a unified diff')
    .option('--check', 'Write nothing; exit 1 when the ignore file lacks rules the suggestion would add (CI, pre-commit)')
    .option('--format <format>', 'Output format: text (the proposed file) or json', { default: 'text' })
    .option('--style <style>', 'denylist (default: exclude what the evidence shows) or allowlist (* then each source the builds read)')
    .option('--all', 'Every build in the tree, one proposal per ignore file (automatic without a root Dockerfile)')
    .option('-c, --compose-file <file>', 'Compose file to read with --all (repeatable)')
    .option('--large <size>', 'Propose (commented) files from this size on', { default: '10MB' })
    .option('--replay <n>', 'Also replay the last n commits: rebuild counts per step before and after (needs git)')
    .option('-q, --quiet', 'No progress line on stderr')
    .example('ctxcheck suggest . > .dockerignore.new')
    .example('ctxcheck suggest --diff')
    .example('ctxcheck suggest --write')
    .example('ctxcheck suggest --check')
    .action(async (context: string | undefined, flags: RawFlags & { write?: boolean; diff?: boolean; check?: boolean; style?: string; replay?: string | number; quiet?: boolean }) => {
      const large = flags.large === undefined ? DEFAULT_LARGE : parseSize(String(flags.large));
      if (large === null) throw new InputError(`--large: cannot parse size ${JSON.stringify(flags.large)}`);
      const progress = flags.quiet ? null : progressLine();
      const opts = { ...common(flags, context), ...(progress ? { onPhase: progress.phase } : {}) };
      const composeFiles = composeFilesFlag(flags, opts.context);
      const { runSuggest } = await import('../suggest-run.js');
      const code = await runSuggest(
        opts,
        {
          ...(flags.write ? { write: true } : {}),
          ...(flags.diff ? { diff: true } : {}),
          ...(flags.check ? { check: true } : {}),
          ...(flags.format !== undefined ? { format: String(flags.format) } : {}),
          ...(flags.style !== undefined ? { style: String(flags.style) } : {}),
          ...(flags.all ? { all: true } : {}),
          ...(composeFiles ? { composeFiles } : {}),
          large,
          noRootDockerfile: !hasRootDockerfile(opts.context ?? '.'),
          ...(progress ? { beforeOutput: progress.done } : {}),
        },
        out,
        process.stderr,
      );
      if (code !== 0) process.exitCode = code;
      if (flags.replay !== undefined) {
        const commits = Number(flags.replay);
        if (!Number.isInteger(commits) || commits < 1) throw new InputError('--replay must be a positive integer');
        const { compareCache, renderCache } = await import('../cache-compare.js');
        let replayed;
        try {
          replayed = await compareCache({ ...opts, large, commits });
        } finally {
          progress?.done();
        }
        process.stderr.write(renderCache(replayed));
      }
    });
}
