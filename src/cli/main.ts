// Command-line front end: parse flags (cac), call the library, render, set the exit code.
// Exit codes: 0 success, 2 bad usage or input.
import { cac } from 'cac';
import { InputError } from '../errors.js';
import { IgnoreFileError } from '../ignore/parse.js';
import { EXIT_INPUT, meta } from './common.js';
import { checkArgv } from './argv-check.js';
import { exitQuietlyOnClosedPipe } from './closed-pipe.js';
import { registerBaseline } from './commands/baseline.js';
import { registerCache } from './commands/cache.js';
import { registerLs } from './commands/ls.js';
import { registerPredict } from './commands/predict.js';
import { registerRecord } from './commands/record.js';
import { registerReport } from './commands/report.js';
import { registerSuggest } from './commands/suggest.js';
import { registerWhy } from './commands/why.js';

export async function main(argv: readonly string[], out: NodeJS.WritableStream = process.stdout): Promise<void> {
  // `ctxcheck … | head`: end quietly, like ls and git, once the reader has gone.
  for (const stream of new Set([out, process.stdout, process.stderr])) exitQuietlyOnClosedPipe(stream);
  const cli = cac('ctxcheck');
  // Registered in this order: it is the order of `ctxcheck --help`.
  registerReport(cli, out);
  registerBaseline(cli, out);
  registerSuggest(cli, out);
  registerCache(cli, out);
  registerRecord(cli, out);
  registerPredict(cli, out);
  registerLs(cli, out);
  registerWhy(cli, out);

  cli.help();
  cli.version(meta().version);

  try {
    // cac's own --version prints "ctxcheck/1.2.3 linux-x64 node-v20…"; scripts want the number.
    if (checkArgv(cli, argv.slice(2)).version) {
      out.write(`${meta().version}\n`);
      return;
    }
    cli.parse([...argv], { run: false });
    await cli.runMatchedCommand();
  } catch (err) {
    process.exitCode = EXIT_INPUT;
    if (err instanceof InputError || err instanceof IgnoreFileError) {
      process.stderr.write(`ctxcheck: ${err.message}\n`);
    } else if (err instanceof Error && err.name === 'CACError') {
      process.stderr.write(`ctxcheck: ${err.message} (see ctxcheck --help)\n`);
    } else {
      const e = err as Error;
      process.stderr.write(`ctxcheck: unexpected error: ${e.message ?? String(err)}\n`);
      if (process.env['CTXCHECK_DEBUG']) process.stderr.write(`${e.stack ?? ''}\n`);
    }
  }
}
