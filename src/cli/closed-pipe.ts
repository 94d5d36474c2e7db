// What a command-line tool does when the reader of its output goes away (`ctxcheck ls | head`):
// stop at once, print nothing, and end the way `ls` and `git` do. Both die of SIGPIPE (git's
// write_or_die.c check_pipe() restores the default action and raises SIGPIPE on EPIPE), which a
// shell reports as status 141 and never prints. Node ignores SIGPIPE, so without this a write
// to a closed pipe becomes an unhandled EPIPE 'error' event and a stack trace.
import type { Writable } from 'node:stream';

/** Stop quietly, by SIGPIPE, once `stream`'s reader has gone away. */
export function exitQuietlyOnClosedPipe(stream: NodeJS.WritableStream): void {
  (stream as Writable).on?.('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    diedOfSigpipe();
  });
}

export function diedOfSigpipe(): never {
  // Node installs SIG_IGN for SIGPIPE at start-up; libuv puts back the default action when the
  // last listener of a signal is removed, so a listener added then removed restores it.
  const noop = (): void => {};
  process.on('SIGPIPE', noop);
  process.removeListener('SIGPIPE', noop);
  process.kill(process.pid, 'SIGPIPE');
  // Should the signal not end the process (a platform without SIGPIPE), the same status a
  // shell gives a process SIGPIPE killed: 128 + 13.
  process.exit(141);
}
