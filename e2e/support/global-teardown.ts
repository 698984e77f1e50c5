// Removes the run's temporary data directory once every spec has finished.
import { rmSync } from 'node:fs';
import { DATA_DIR } from './env';

export default function globalTeardown(): void {
  rmSync(DATA_DIR, { recursive: true, force: true });
}
