// The progress line report, suggest and cache show on a terminal: the phase and how far it got
// ("walking… 16,384 entries", "scanning secrets 120/4,000 files", "replaying history: 20 commits").
import { writeSync } from 'node:fs';

import type { PhaseProgress } from '../pipeline/options.js';
import { count, thousands } from '../units.js';

export interface ProgressLine {
  phase: PhaseProgress;
  /** Clear the line. */
  done: () => void;
}

/**
 * A progress line on stderr, only when stderr is a terminal. A new phase is shown at once (so
 * even a quick run says what it did); updates within a phase at most every 100 ms. Written
 * synchronously, since the walk does not yield to the event loop. The line is cleared at the end.
 */
export function progressLine(stream: { isTTY?: boolean } = process.stderr): ProgressLine | null {
  if (stream.isTTY !== true) return null;
  let last = 0;
  let current = '';
  let shown = false;
  const phase: PhaseProgress = (name, done, total) => {
    const now = Date.now();
    if (name === current && now - last < 100 && (total === undefined || done < total)) return;
    current = name;
    last = now;
    shown = true;
    const howFar =
      name === 'walking' ? `… ${count(done, 'entry', 'entries')}` : name === 'replaying history' ? `: ${count(total ?? done, 'commit')}` : ` ${thousands(done)}/${count(total ?? done, 'file')}`;
    writeSync(2, `\rctxcheck: ${name}${howFar}\x1b[K`);
  };
  return {
    phase,
    done() {
      if (shown) writeSync(2, '\r\x1b[K');
      shown = false;
    },
  };
}
