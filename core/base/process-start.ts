import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** When a process began, to tell a reused PID apart; null where the OS does not say so cheaply (Windows). */
export function processStartOf(pid: number): string | null {
  try {
    if (process.platform === 'linux') {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Field 2, the command name, may hold spaces and parentheses: count from its closing one (field 3 on).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const startTicks = fields[22 - 3];
      return startTicks ? `linux:${startTicks}` : null;
    }
    if (process.platform === 'darwin' || process.platform === 'freebsd' || process.platform === 'openbsd') {
      const started = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
      return started ? `ps:${started}` : null;
    }
  } catch {
    // The process is gone, or the OS would not say: the PID check alone decides.
  }
  return null;
}
