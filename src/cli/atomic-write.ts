// Write a file so readers never see it half-written: a temp file in the same directory,
// fsync, rename over the target. Keeps the target's mode; refuses to write through a symlink.
// A Ctrl-C during the write waits for it (so no temp file is left behind), then ends the
// process by SIGINT as it would have anyway.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../errors.js';

export async function atomicWrite(file: string, data: string | Uint8Array): Promise<void> {
  let interrupted = false;
  const onSigint = (): void => {
    interrupted = true;
  };
  process.on('SIGINT', onSigint);
  try {
    writeNow(file, data);
  } finally {
    // A signal that arrived during the synchronous write is delivered once the event loop
    // polls again (a timer turn, then a check turn: setImmediate alone can run first).
    await new Promise<void>((resolve) => setTimeout(resolve, 1));
    await new Promise<void>((resolve) => setImmediate(resolve));
    process.off('SIGINT', onSigint);
  }
  if (interrupted) process.kill(process.pid, 'SIGINT');
}

function writeNow(file: string, data: string | Uint8Array): void {
  const abs = path.resolve(file);
  let mode = 0o644;
  try {
    const st = fs.lstatSync(abs);
    if (st.isSymbolicLink()) throw new InputError(`${file}: refusing to write through a symlink`);
    if (!st.isFile()) throw new InputError(`${file}: not a regular file`);
    mode = st.mode & 0o7777;
  } catch (err) {
    if (err instanceof InputError) throw err;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new InputError(`${file}: ${(err as Error).message}`);
  }
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.ctxcheck-${process.pid}-${Date.now()}.tmp`);
  let fd: number | null = null;
  try {
    fd = fs.openSync(tmp, 'wx', mode);
    fs.writeFileSync(fd, data);
    fs.fchmodSync(fd, mode); // the umask may have narrowed the mode at creation
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(tmp, abs);
  } catch (err) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    if (err instanceof InputError) throw err;
    throw new InputError(`${file}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}
