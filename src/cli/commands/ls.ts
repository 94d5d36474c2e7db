// `ctxcheck ls`: every path the builder sends, streamed to stdout.
import type { CAC } from 'cac';
import { common, withCommonFlags, type RawFlags } from '../common.js';
import { iterateContext } from '../../pipeline/list.js';
import { encodeName, printableName } from '../../fs/names.js';
import { InputError } from '../../errors.js';

export function registerLs(cli: CAC, out: NodeJS.WritableStream): void {
  withCommonFlags(cli.command('ls [context]', 'List every path in the context, sorted by byte order'))
    .option('--dirs', 'Also list directories (ending in /)')
    .option('-z, --null', 'Separate paths with NUL instead of newline (safe for any file name)')
    .option('--transfer', 'List BuildKit’s transfer set: only what the Dockerfile’s stages use')
    .option('--format <format>', 'text (one path a line) or json (schema/ls.schema.json)', { default: 'text' })
    .example('ctxcheck ls . --builder legacy')
    .example('ctxcheck ls . --format json')
    .action(async (context: string | undefined, flags: RawFlags & { null?: boolean }) => {
      if (flags.format !== 'text' && flags.format !== 'json' && flags.format !== undefined) throw new InputError('--format must be text or json');
      const json = flags.format === 'json';
      if (json && (flags.null || flags.z)) throw new InputError('-z and --format json exclude each other');
      const opts = common(flags, context);
      const paths = await iterateContext({ ...opts, dirs: flags.dirs === true, transfer: flags.transfer === true });
      // Written in chunks, waiting whenever a pipe is full: a listing of a million paths never
      // becomes one string, nor piles up in stdout's buffer behind a slow reader.
      const CHUNK = 1 << 20;
      const emit = async (data: string | Buffer): Promise<void> => {
        if (!out.write(data)) await new Promise((resolve) => out.once('drain', resolve));
      };
      if (flags.null || flags.z) {
        // Exact bytes, NUL-terminated: round-trips any name, including non-UTF-8 ones.
        const NUL = Buffer.from([0]);
        let parts: Buffer[] = [];
        let size = 0;
        for (const p of paths) {
          const b = encodeName(p);
          parts.push(b, NUL);
          size += b.length + 1;
          if (size >= CHUNK) {
            await emit(Buffer.concat(parts, size));
            parts = [];
            size = 0;
          }
        }
        if (size > 0) await emit(Buffer.concat(parts, size));
      } else if (json) {
        // Streamed like the text listing. Names are printableName's, as in the text listing (a
        // non-UTF-8 name is quoted with octal escapes; -z has the exact bytes).
        const head = { version: 1, kind: 'ls', context: opts.context ?? '.', builder: opts.builder ?? 'buildkit', dirs: flags.dirs === true, transfer: flags.transfer === true };
        let chunk = JSON.stringify(head).slice(0, -1) + ',"paths":[';
        let sep = '\n';
        for (const p of paths) {
          chunk += sep + JSON.stringify(printableName(p));
          sep = ',\n';
          if (chunk.length >= CHUNK) {
            await emit(chunk);
            chunk = '';
          }
        }
        await emit(chunk + '\n]}\n');
      } else {
        let chunk = '';
        for (const p of paths) {
          chunk += printableName(p) + '\n';
          if (chunk.length >= CHUNK) {
            await emit(chunk);
            chunk = '';
          }
        }
        if (chunk) await emit(chunk);
      }
    });
}
