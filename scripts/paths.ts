import { fileURLToPath } from 'node:url';

/** Folders of the project, independent of the current working directory. */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));
export const rendererDist = fileURLToPath(new URL('../dist/renderer', import.meta.url));
export const viteConfig = fileURLToPath(new URL('../vite.config.ts', import.meta.url));
