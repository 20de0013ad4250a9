import { spawn } from 'node:child_process';

/** Opens the URL in the default browser; where none can be opened, the printed URL is enough. */
export function openInBrowser(url: string) {
  const [command, args] =
    process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => console.log('(No browser could be opened here; open the address above yourself.)'));
    child.unref();
  } catch {
    console.log('(No browser could be opened here; open the address above yourself.)');
  }
}
