import { escapeHtml } from './html-escape';
import { SUPPRESSED } from './german-format';

/**
 * Bar charts as inline SVG for the HTML page (core/exports/report-html.ts): no script, no font, no
 * image, nothing loaded. Each chart is `role="img"` named by its `<title>` and described by a `<desc>`
 * that points to its table, which holds the same figures as text. Every bar carries its label and
 * figure in `data-label` / `data-value` (the tests compare them with the table), and its figure is
 * written beside it; a suppressed figure ("·") gets no bar.
 */

export interface ChartBar {
  label: string;
  value: number | null;
  /** The figure as the page writes it (6.143 / 6,143; "·" when suppressed). */
  text: string;
  /** A shorter label for under a column ("03/26"); `label` when absent. */
  axisLabel?: string;
}

export interface ChartSpec {
  /** Unique in the page: the `<title>` and `<desc>` ids derive from it. */
  id: string;
  title: string;
  description: string;
  bars: ChartBar[];
  /** How the value axis writes its numbers (1.500 / 1,500). */
  tick: (n: number) => string;
}

/** Bar fill: 6.9:1 against white (WCAG asks 3:1 for graphics); text is near-black on white. */
export const BAR_COLOUR = '#1d5f8a';
const TEXT_COLOUR = '#1a1a1a';
const GRID_COLOUR = '#8a96a3';
const FONT = 14;
/** The series chart is wide and scaled down most on a phone: its text starts larger. */
const COLUMN_FONT = 16;

/** Rough width of a text in the chart's font, enough to reserve room for labels. */
const textWidth = (text: string, font = FONT) => Math.ceil(text.length * font * 0.62);

/** A label cut to `chars` characters with "…", the whole label being in the table beside the chart. */
const cut = (text: string, chars: number) => (text.length <= chars ? text : `${text.slice(0, Math.max(1, chars - 1))}…`);

const barData = (b: ChartBar) => `data-label="${escapeHtml(b.label)}" data-value="${b.value === null ? SUPPRESSED : b.value}"`;

function open(spec: ChartSpec, width: number, height: number, kind: 'bars' | 'columns', font: number): string {
  return (
    `<svg class="chart ${kind}" role="img" aria-labelledby="${spec.id}-title ${spec.id}-desc" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ` +
    `font-size="${font}" font-family="inherit">` +
    `<title id="${spec.id}-title">${escapeHtml(spec.title)}</title><desc id="${spec.id}-desc">${escapeHtml(spec.description)}</desc>`
  );
}

/** Categories (topics, languages, channels …) as horizontal bars, largest first as given, the figure after each bar. */
export function horizontalBarChart(spec: ChartSpec): string {
  // Narrow, so that on a phone the chart is scaled down little and its text stays readable.
  const width = 420;
  const rowHeight = 26;
  const labelChars = 22;
  const labelWidth = Math.min(Math.max(...spec.bars.map((b) => textWidth(cut(b.label, labelChars))), 40) + 8, textWidth('x'.repeat(labelChars)) + 8);
  const valueRoom = Math.max(...spec.bars.map((b) => textWidth(b.text)), 10) + 8;
  const plot = width - labelWidth - valueRoom;
  const max = Math.max(1, ...spec.bars.map((b) => b.value ?? 0));
  const height = spec.bars.length * rowHeight + 8;
  const rows = spec.bars.map((b, i) => {
    const y = 4 + i * rowHeight;
    const length = b.value === null ? 0 : Math.round((b.value / max) * plot * 10) / 10;
    const bar = length > 0 ? `<rect x="${labelWidth}" y="${y + 4}" width="${length}" height="${rowHeight - 8}" fill="${BAR_COLOUR}"/>` : '';
    return (
      `<g class="bar" ${barData(b)}>` +
      `<text x="${labelWidth - 6}" y="${y + rowHeight / 2}" dy="0.35em" text-anchor="end" fill="${TEXT_COLOUR}">${escapeHtml(cut(b.label, labelChars))}</text>` +
      bar +
      `<text x="${labelWidth + length + 4}" y="${y + rowHeight / 2}" dy="0.35em" fill="${TEXT_COLOUR}">${escapeHtml(b.text)}</text></g>`
    );
  });
  const axis = `<line x1="${labelWidth}" y1="2" x2="${labelWidth}" y2="${height - 2}" stroke="${GRID_COLOUR}"/>`;
  return `${open(spec, width, height, 'bars', FONT)}${axis}${rows.join('')}</svg>`;
}

/** A step for the value axis: 1, 2 or 5 times a power of ten, giving at most about five lines. */
function niceStep(max: number): number {
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? power * 10;
}

/**
 * A series over time (days, weeks, months) as columns with a value axis; labels under every n-th
 * column so they never overlap, figures over the columns when there are few.
 */
export function columnChart(spec: ChartSpec): string {
  const width = 520;
  const height = 260;
  const left = 56;
  const bottom = 40;
  const top = 18;
  const plotWidth = width - left - 8;
  const plotHeight = height - top - bottom;
  const n = Math.max(spec.bars.length, 1);
  const slot = plotWidth / n;
  const step = niceStep(Math.max(1, ...spec.bars.map((b) => b.value ?? 0)));
  const max = Math.max(step, Math.ceil(Math.max(1, ...spec.bars.map((b) => b.value ?? 0)) / step) * step);
  const yOf = (v: number) => top + plotHeight - (v / max) * plotHeight;
  const grid: string[] = [];
  for (let v = 0; v <= max; v += step) {
    const y = Math.round(yOf(v) * 10) / 10;
    grid.push(
      `<line x1="${left}" y1="${y}" x2="${width - 8}" y2="${y}" stroke="${GRID_COLOUR}" stroke-width="${v === 0 ? 1 : 0.5}"/>` +
        `<text x="${left - 6}" y="${y}" dy="0.35em" text-anchor="end" fill="${TEXT_COLOUR}">${escapeHtml(spec.tick(v))}</text>`,
    );
  }
  const maxLabel = Math.max(...spec.bars.map((b) => textWidth(b.axisLabel ?? b.label, COLUMN_FONT)), 1);
  const every = Math.max(1, Math.ceil((maxLabel + 8) / slot));
  const showValues = spec.bars.length <= 16;
  const columns = spec.bars.map((b, i) => {
    const x = left + i * slot;
    const barWidth = Math.max(1, Math.round(slot * 0.7 * 10) / 10);
    const barX = Math.round((x + (slot - barWidth) / 2) * 10) / 10;
    const y = b.value === null ? yOf(0) : Math.round(yOf(b.value) * 10) / 10;
    const bar = b.value ? `<rect x="${barX}" y="${y}" width="${barWidth}" height="${Math.round((yOf(0) - y) * 10) / 10}" fill="${BAR_COLOUR}"/>` : '';
    const centre = Math.round((x + slot / 2) * 10) / 10;
    // Figures over the columns when there are few; a hidden figure's "·" always, so it does not read as zero.
    const value =
      showValues || b.value === null ? `<text x="${centre}" y="${y - 4}" text-anchor="middle" fill="${TEXT_COLOUR}">${escapeHtml(b.text)}</text>` : '';
    const label =
      i % every === 0
        ? `<text x="${centre}" y="${height - bottom + 20}" text-anchor="middle" fill="${TEXT_COLOUR}">${escapeHtml(b.axisLabel ?? b.label)}</text>`
        : '';
    return `<g class="bar" ${barData(b)}>${bar}${value}${label}</g>`;
  });
  return `${open(spec, width, height, 'columns', COLUMN_FONT)}${grid.join('')}${columns.join('')}</svg>`;
}
