// `ctxcheck why`: why each path is in or out of the context, for both builders.
import type { CAC } from 'cac';
import { common, withCommonFlags, type RawFlags } from '../common.js';
import { explain } from '../../index.js';
import { InputError } from '../../errors.js';
import { renderWhy } from '../../report/why.js';

export function registerWhy(cli: CAC, out: NodeJS.WritableStream): void {
  withCommonFlags(cli.command('why <...paths>', 'Explain why each path is in or out of the context'))
    .option('-C, --context <dir>', 'Context directory', { default: '.' })
    .option('--format <format>', 'Output format: text or json', { default: 'text' })
    .example('ctxcheck why node_modules/react/index.js src/app.ts')
    .action(async (paths: string[], flags: RawFlags) => {
      const opts = common(flags, flags.context);
      const items = await explain(paths, opts);
      if (flags.format === 'json') out.write(JSON.stringify(items, null, 2) + '\n');
      else if (flags.format === 'text' || flags.format === undefined) out.write(renderWhy(items, opts.builder ?? 'buildkit'));
      else throw new InputError('--format must be text or json');
    });
}
