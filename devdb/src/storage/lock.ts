import fs from 'node:fs';
import path from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `dir/mongod.lock` for this process. A lock whose owner is gone (kill -9) is stale and
 * taken over; one held by a live process refuses the start, so two servers never share a journal.
 */
const heldHere = new Set<string>();

export function acquireLock(dir: string): () => void {
  const file = path.resolve(dir, 'mongod.lock');
  if (heldHere.has(file)) throw new Error(`devdb: data directory ${dir} is in use by this process (lock file ${file})`);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      heldHere.add(file);
      return () => {
        heldHere.delete(file);
        fs.rmSync(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number(fs.readFileSync(file, 'utf8').trim());
      if (owner && owner !== process.pid && alive(owner)) {
        throw new Error(`devdb: data directory ${dir} is in use by process ${owner} (lock file ${file})`, { cause: e });
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`devdb: could not take the lock file ${file}`);
}
