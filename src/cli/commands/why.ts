// `ctxcheck why`: why each path is in or out of the context, for both builders.
// The context is positional like every command's, before `--` as git separates revisions from
// paths (`ctxcheck why ./app -- src/a.ts`): without a separator a context directory and a path
// inside the context look alike. Without `--`, every word is a path and the context is -C or ".".
import type { CAC } from 'cac';
import { common, withCommonFlags, type RawFlags } from '../common.js';
import { explain } from '../../pipeline/list.js';
import { InputError } from '../../errors.js';
import { renderWhy } from '../../report/why.js';

export function registerWhy(cli: CAC, out: NodeJS.WritableStream): void {
  withCommonFlags(cli.command('why [...paths]', 'Explain why each path is in or out of the context (ctxcheck why [context] -- <path>...)'))
    .option('-C, --context <dir>', 'Context directory (default: .)')
    .option('--format <format>', 'Output format: text or json', { default: 'text' })
    .example('ctxcheck why node_modules/react/index.js src/app.ts')
    .example('ctxcheck why services/api -- node_modules/x/index.js')
    .action(async (words: string[], flags: RawFlags & { '--'?: string[] }) => {
      if (flags.format !== 'text' && flags.format !== 'json' && flags.format !== undefined) throw new InputError('--format must be text or json');
      const dashed = flags['--'];
      let paths = words;
      let context = flags.context === undefined ? undefined : String(flags.context);
      // cac gives [] for both `why app --` and no `--` at all: a lone trailing `--` is ignored.
      if (dashed !== undefined && dashed.length > 0) {
        if (words.length > 1) throw new InputError(`unexpected argument ${words[1]} (ctxcheck why takes one context before --)`);
        if (words[0] !== undefined) {
          if (context !== undefined && context !== words[0]) throw new InputError(`two contexts: ${words[0]} and -C ${context}`);
          context = words[0];
        }
        paths = dashed;
      }
      if (paths.length === 0) throw new InputError('why needs a path (ctxcheck why [context] -- <path>...)');
      const opts = common(flags, context ?? '.');
      const items = await explain(paths, opts);
      if (flags.format === 'json') out.write(JSON.stringify(items, null, 2) + '\n');
      else out.write(renderWhy(items, opts.builder ?? 'buildkit'));
    });
}
