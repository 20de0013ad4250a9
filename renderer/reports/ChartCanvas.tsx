import { useEffect, useRef, type CSSProperties } from 'react';
import type { ActiveElement, ChartConfiguration, ChartEvent } from 'chart.js';
import { Chart } from './chart-setup';
import { PRINT_PIXEL_RATIO, printChartWidth, type PaperSpan } from './chart-configs';

/**
 * A chart.js chart on a canvas: created when mounted or when the configuration changes, destroyed
 * before. The canvas is an image for assistive technology; the table under each chart carries the data.
 */
export function ChartCanvas({
  config,
  height,
  printHeight,
  label,
  print = false,
  span = 'column',
  onDrawn,
  keys,
  onPick,
}: {
  config: ChartConfiguration;
  height: number;
  /** The height on paper, for a screen chart printed as it is. */
  printHeight: number;
  label: string;
  /** Fixed size for paper: the canvas does not follow its container. */
  print?: boolean;
  /** How much of the paper's width the chart takes. */
  span?: PaperSpan;
  onDrawn?(): void;
  /** Each category's key, in the chart's order (SizedChart.keys). */
  keys?: (number | string)[];
  /** Drill-down: a click on a category's bar or slice; `datasetIndex` null when the click was beside the bars of its row. */
  onPick?(key: number | string, datasetIndex: number | null): void;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  // The latest handler, read at click time: a new callback must not redraw the chart.
  const pick = useRef(onPick);
  pick.current = onPick;
  const drillable = !print && onPick !== undefined && keys !== undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: onDrawn is a notification only; a new callback must not redraw the chart.
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const category = (index: number | undefined) => (index === undefined ? undefined : keys?.[index]);
    const chart: Chart = new Chart(canvas, {
      ...config,
      options: {
        ...config.options,
        // A click on a bar or slice filters by its category. Beside a short bar, anywhere in its row still counts
        // (chart.js's index mode along the category axis), so a small count is as easy to hit as a large one.
        onClick: (event: ChartEvent) => {
          const native = event.native;
          if (!native || !pick.current) return;
          const hit = chart.getElementsAtEventForMode(native, 'nearest', { intersect: true }, true)[0];
          const row = hit
            ? undefined
            : config.type === 'bar'
              ? chart.getElementsAtEventForMode(native, 'index', { intersect: false, axis: chart.options.indexAxis === 'y' ? 'y' : 'x' }, true)[0]
              : undefined;
          const key = category((hit ?? row)?.index);
          if (key !== undefined) pick.current(key, hit ? hit.datasetIndex : null);
        },
        onHover: (_event: ChartEvent, elements: ActiveElement[]) => {
          if (pick.current) canvas.style.cursor = elements.length > 0 ? 'pointer' : '';
        },
      },
    } as ChartConfiguration);
    onDrawn?.();
    // A screen chart printed as it is (Ctrl+P) must fit the paper: chart.js does not notice the print
    // layout by itself (chart.js docs, "Printing Resizable Charts"). Chromium switches to print media
    // before it lays out the pages, when the chart's box still has its screen width, so the chart is
    // given its paper size and print resolution outright, and its box again afterwards.
    const printMedia = print ? null : window.matchMedia('print');
    const fitPaper = () => {
      const options = chart.options as { devicePixelRatio?: number };
      options.devicePixelRatio = printMedia?.matches ? PRINT_PIXEL_RATIO : undefined;
      // A chart still animating would put the resize off to the next frame, after the page is printed.
      chart.stop();
      if (printMedia?.matches) chart.resize(printChartWidth(span), printHeight);
      else chart.resize();
      chart.update('none');
    };
    printMedia?.addEventListener('change', fitPaper);
    return () => {
      printMedia?.removeEventListener('change', fitPaper);
      chart.destroy();
    };
  }, [config]);
  // The paper size is known to the print stylesheet before any script runs: Chromium counts the pages
  // from that layout, and a chart that grew or shrank afterwards would leave a blank page.
  const paper = { '--print-width': `${printChartWidth(span)}px`, '--print-height': `${printHeight}px` } as CSSProperties;
  if (print) {
    const width = printChartWidth(span);
    return (
      <div className="chart-box print" style={{ ...paper, width, height }}>
        <canvas ref={ref} role="img" aria-label={label} width={width} height={height} />
      </div>
    );
  }
  return (
    <div className={`chart-box${drillable ? ' drillable' : ''}`} style={{ ...paper, height }}>
      <canvas ref={ref} role="img" aria-label={label} />
    </div>
  );
}
