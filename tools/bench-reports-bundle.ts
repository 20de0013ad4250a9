/**
 * Part 5 of the report bench: the renderer bundle after a vite build, its gzip size against the target and
 * whether chart.js is tree-shaken down to the charts the reports draw.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { round3 } from './bench-common';
import { buildRenderer } from '../scripts/build-renderer';
import { rendererDist } from '../scripts/paths';

export const TARGET_BUNDLE_KB = 250; // 1 KB = 1000 bytes

/** chart.js registerables by their registry id (`static id = '…'` / `id: '…'` survive minification). */
const CHART_USED = ['bar', 'line', 'doughnut', 'arc', 'point', 'category', 'linear', 'legend', 'tooltip'];
const CHART_UNUSED_CONTROLLERS = ['bubble', 'pie', 'polarArea', 'radar', 'scatter'];
const CHART_UNUSED_OTHER = ['logarithmic', 'radialLinear', 'time', 'timeseries', 'decimation', 'filler', 'subtitle', 'title', 'colors'];
const CHART_CLASSES = [
  'PolarAreaController',
  'RadarController',
  'BubbleController',
  'ScatterController',
  'PieController',
  'RadialLinearScale',
  'LogarithmicScale',
  'TimeScale',
  'TimeSeriesScale',
];

export interface BundleResult {
  assets: { file: string; bytes: number; gzipBytes: number }[];
  jsGzipKB: number;
  cssGzipKB: number;
  totalGzipKB: number;
  totalKB: number;
  targetKB: number;
  met: boolean;
  chartJs: { usedPresent: string[]; unusedControllersPresent: string[]; unusedOtherPresent: string[]; classNamesPresent: string[]; treeShaken: boolean };
  buildSeconds: number;
}

export async function benchBundle(): Promise<BundleResult> {
  const t0 = performance.now();
  await buildRenderer({ quiet: true });
  const buildSeconds = round3((performance.now() - t0) / 1000);
  const dir = join(rendererDist, 'assets');
  const assets = readdirSync(dir)
    .filter((f) => f.endsWith('.js') || f.endsWith('.css'))
    .sort()
    .map((file) => {
      const content = readFileSync(join(dir, file));
      return { file, bytes: content.length, gzipBytes: gzipSync(content).length, text: content.toString('utf8') };
    });
  const kb = (n: number) => Math.round(n / 100) / 10;
  const sum = (ext: string, key: 'bytes' | 'gzipBytes') => assets.filter((a) => a.file.endsWith(ext)).reduce((s, a) => s + a[key], 0);
  const js = assets
    .filter((a) => a.file.endsWith('.js'))
    .map((a) => a.text)
    .join('\n');
  const hasId = (id: string) => new RegExp(`\\bid\\s*[:=]\\s*["'\`]${id}["'\`]`).test(js);
  const unusedControllersPresent = CHART_UNUSED_CONTROLLERS.filter(hasId);
  const unusedOtherPresent = CHART_UNUSED_OTHER.filter(hasId);
  const classNamesPresent = CHART_CLASSES.filter((c) => js.includes(c));
  const totalGzip = sum('.js', 'gzipBytes') + sum('.css', 'gzipBytes');
  return {
    assets: assets.map(({ file, bytes, gzipBytes }) => ({ file, bytes, gzipBytes })),
    jsGzipKB: kb(sum('.js', 'gzipBytes')),
    cssGzipKB: kb(sum('.css', 'gzipBytes')),
    totalGzipKB: kb(totalGzip),
    totalKB: kb(sum('.js', 'bytes') + sum('.css', 'bytes')),
    targetKB: TARGET_BUNDLE_KB,
    met: totalGzip <= TARGET_BUNDLE_KB * 1000,
    chartJs: {
      usedPresent: CHART_USED.filter(hasId),
      unusedControllersPresent,
      unusedOtherPresent,
      classNamesPresent,
      // The criterion: no chart type the reports do not draw.
      treeShaken: unusedControllersPresent.length === 0 && classNamesPresent.length === 0,
    },
    buildSeconds,
  };
}
