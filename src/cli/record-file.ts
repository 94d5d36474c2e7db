// Where `ctxcheck record` keeps a build record, and reading it back. Records live OUTSIDE the
// context by default (a file inside it would be content of `COPY . .` and bust the very cache it
// describes): ${CTXCHECK_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/ctxcheck}/records/<id>.json, the id
// a sha256 of the build inputs. A --record-file the build would send is refused.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InputError } from '../errors.js';
import type { CommonOptions } from '../pipeline/options.js';
import { checkRecord, recordId, recordInputsFor, wouldBeSent, type BuildRecord, type RecordInputs } from '../pipeline/predict.js';

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['CTXCHECK_CACHE_DIR']) return path.resolve(env['CTXCHECK_CACHE_DIR']);
  const xdg = env['XDG_CACHE_HOME'];
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache'), 'ctxcheck');
}

export function defaultRecordFile(inputs: RecordInputs): string {
  return path.join(cacheDir(), 'records', `${recordId(inputs)}.json`);
}

/**
 * The record file for these options: `flag` when given, else the default location. Refused
 * (InputError) when the build would send it.
 */
export function recordFileFor(opts: CommonOptions, flag: string | undefined): string {
  const file = flag !== undefined ? path.resolve(String(flag)) : defaultRecordFile(recordInputsFor(opts));
  if (wouldBeSent(opts, file)) {
    throw new InputError(`${file}: inside the build context and not excluded: the build would send the record and every record would bust the cache (keep it outside the context, or exclude it in the ignore file)`);
  }
  return file;
}

/**
 * The record at `file`, or null when there is none. A file that is not a readable record is an
 * InputError, unless `lenient` (record overwrites it).
 */
export function readRecord(file: string, lenient: boolean): BuildRecord | null {
  try {
    return readStrict(file);
  } catch (err) {
    if (lenient && err instanceof InputError) return null;
    throw err;
  }
}

function readStrict(file: string): BuildRecord | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new InputError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new InputError(`${file}: not a build record (invalid JSON); run ctxcheck record again`);
  }
  const bad = checkRecord(data);
  if (bad !== null) throw new InputError(`${file}: ${bad}`);
  return data as BuildRecord;
}
