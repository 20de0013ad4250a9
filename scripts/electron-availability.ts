import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './paths';

export type ElectronAvailability = { ok: true; binary: string } | { ok: false; reason: string };

const electronDir = join(projectRoot, 'node_modules', 'electron');

function installedBinary(): string | null {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/**
 * Whether the Electron binary can start here. Electron 45 downloads its binary on first run;
 * where that download is impossible (closed networks, these build machines) we say why, once,
 * instead of letting its installer print a stack trace.
 */
export function electronAvailability(env = process.env, platform = process.platform): ElectronAvailability {
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { ok: false, reason: 'no graphical display (DISPLAY is not set)' };
  }
  let binary = installedBinary();
  if (!binary) {
    const download = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'pipe', timeout: 120_000 });
    binary = download.status === 0 ? installedBinary() : null;
    if (!binary) return { ok: false, reason: 'the Electron binary is not installed and could not be downloaded' };
  }
  return { ok: true, binary };
}
