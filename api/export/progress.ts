// Scan progress on stderr: a bar redrawn in place on a terminal, one plain line per finished unit otherwise
// (CI logs keep every line; carriage returns would garble them).
import type { SyncProgress } from '../../store/model';

export interface ProgressReporter {
  update(progress: SyncProgress): void;
  /** Clears the bar (terminal) so the next output starts on a clean line. */
  done(): void;
}

const BAR_WIDTH = 24;

export function progressReporter(write: (text: string) => void, isTTY: boolean): ProgressReporter {
  let lastDone = -1;
  let drawn = false;
  return {
    update(progress) {
      if (progress.done === lastDone) return;
      lastDone = progress.done;
      const total = Math.max(progress.total, 1);
      const label = progress.current ? ` ${progress.current}` : '';
      if (isTTY) {
        const filled = Math.round((progress.done / total) * BAR_WIDTH);
        const bar = '#'.repeat(filled) + '-'.repeat(BAR_WIDTH - filled);
        write(`\r\x1b[2K[${bar}] ${progress.done}/${progress.total}${label}`);
        drawn = true;
      } else if (progress.done > 0) {
        write(`scan: ${progress.done}/${progress.total}${label} done\n`);
      }
    },
    done() {
      if (drawn) write('\r\x1b[2K');
      drawn = false;
    },
  };
}
