// The progress line report, suggest and cache show on a terminal: the phase and how far it got
// ("walking… 16,384 entries", "scanning secrets 120/4,000 files", "replaying history: 20 commits").
import { writeSync } from 'node:fs';

import type { PhaseProgress } from '../pipeline/options.js';

export interface ProgressLine {
  /** Entries walked so far (the walk's onProgress). */
  update: (seen: number) => void;
  phase: PhaseProgress;
  /** Clear the line. */
  done: () => void;
}

const UNITS: Record<Parameters<PhaseProgress>[0], [string, string]> = { walking: ['entry', 'entries'], 'scanning secrets': ['file', 'files'], 'replaying history': ['commit', 'commits'] };

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
  const n = (v: number): string => v.toLocaleString('en-US');
  const phase: PhaseProgress = (name, done, total) => {
    const now = Date.now();
    if (name === current && now - last < 100 && (total === undefined || done < total)) return;
    current = name;
    last = now;
    shown = true;
    const unit = (v: number): string => UNITS[name][v === 1 ? 0 : 1];
    const count =
      name === 'walking' ? `… ${n(done)} ${unit(done)}` : name === 'replaying history' ? `: ${n(total ?? done)} ${unit(total ?? done)}` : ` ${n(done)}/${n(total ?? done)} ${unit(total ?? done)}`;
    writeSync(2, `\rctxcheck: ${name}${count}\x1b[K`);
  };
  return {
    update: (seen) => phase('walking', seen),
    phase,
    done() {
      if (shown) writeSync(2, '\r\x1b[K');
      shown = false;
    },
  };
}
