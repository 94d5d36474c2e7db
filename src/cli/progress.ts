// The progress line the report command shows on a terminal while it walks a big context.
import { writeSync } from 'node:fs';

export /**
 * A progress line on stderr: only for a terminal, and only once the walk has taken longer than
 * half a second. Written synchronously, since the walk does not yield to the event loop.
 */
function progressLine(): { update: (seen: number) => void; done: () => void } | null {
  if (!process.stderr.isTTY) return null;
  const start = Date.now();
  let shown = false;
  return {
    update(seen) {
      if (Date.now() - start < 500) return;
      shown = true;
      writeSync(2, `\rctxcheck: scanning… ${seen.toLocaleString('en-US')} entries`);
    },
    done() {
      if (shown) writeSync(2, '\r\x1b[K');
    },
  };
}
