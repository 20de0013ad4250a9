// Injected into the CommonJS bundles (scripts/build-electron.ts, CJS_IMPORT_META_URL): `import.meta.url` is defined as this, the bundle's own file URL.
export const bundleFileUrl = require('node:url').pathToFileURL(__filename).href;
