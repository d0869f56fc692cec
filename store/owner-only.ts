// PGlite writes the database it unpacks at creation 0666 whatever the process umask (and a few files 0644 later):
// every file under the data dir is brought to 0600 and every directory to 0700, so a backup copy or a loosened
// parent directory does not expose external IDs' ciphertext or token hashes to other users.
import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Files 0600, directories 0700, under `dir` (included); symbolic links are left alone. Returns how many changed. */
export function restrictToOwner(dir: string): number {
  let changed = 0;
  const visit = (target: string) => {
    let stat;
    try {
      stat = lstatSync(target);
    } catch {
      return; // removed meanwhile (PostgreSQL deletes temporary files as it goes)
    }
    if (stat.isSymbolicLink()) return;
    const wanted = stat.isDirectory() ? 0o700 : 0o600;
    if ((stat.mode & 0o777) !== wanted) {
      try {
        chmodSync(target, wanted);
        changed += 1;
      } catch {
        return;
      }
    }
    if (stat.isDirectory()) {
      let entries: string[];
      try {
        entries = readdirSync(target);
      } catch {
        return;
      }
      for (const entry of entries) visit(path.join(target, entry));
    }
  };
  visit(dir);
  return changed;
}
