import { buildElectron } from './build-electron';
import { buildRenderer } from './build-renderer';

await buildRenderer();
await buildElectron();
