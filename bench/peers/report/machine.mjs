// The machine a run measured, as every report states it: figures from a 2-core VM and from a
// workstation are not comparable, and fsync costs depend on the filesystem under the data dirs.
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** The mount (filesystem type and device) holding `dir`, from /proc/mounts: the longest matching mount point. */
function filesystemOf(dir) {
  try {
    const mounts = readFileSync('/proc/mounts', 'utf8')
      .split('\n')
      .map((line) => line.split(' '))
      .filter(([, mountPoint]) => mountPoint && (dir === mountPoint || dir.startsWith(mountPoint === '/' ? '/' : `${mountPoint}/`)));
    const [device, mountPoint, type] = mounts.sort((a, b) => b[1].length - a[1].length)[0] ?? [];
    return device ? `${type} on ${device} (mounted at ${mountPoint})` : 'unknown';
  } catch {
    return 'unknown';
  }
}

export function describeMachine() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    dataFilesystem: filesystemOf(os.tmpdir()),
    date: new Date().toISOString(),
  };
}

/** One line for headers: "AMD EPYC, 2 cores, 23.5 GiB RAM, Linux 6.1.0, Node v20.19.0, 2025-01-01 12:00 UTC". */
export function machineLine(machine) {
  const date = `${machine.date.slice(0, 16).replace('T', ' ')} UTC`;
  return `${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB RAM, ${machine.kernel}, Node ${machine.node}, ${date}`;
}
