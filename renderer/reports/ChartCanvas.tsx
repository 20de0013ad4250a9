import { useEffect, useRef } from 'react';
import type { ChartConfiguration } from 'chart.js';
import { Chart } from './chart-setup';
import { PRINT_CHART_WIDTH } from './chart-configs';

/**
 * A chart.js chart on a canvas: created when mounted or when the configuration changes, destroyed
 * before. The canvas is an image for assistive technology; the table under each chart carries the data.
 */
export function ChartCanvas({
  config,
  height,
  label,
  print = false,
  onDrawn,
}: {
  config: ChartConfiguration;
  height: number;
  label: string;
  /** Fixed size for paper: the canvas does not follow its container. */
  print?: boolean;
  onDrawn?(): void;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const chart = new Chart(canvas, config);
    onDrawn?.();
    return () => chart.destroy();
    // onDrawn is a notification only; a new callback must not redraw the chart.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [config]);
  if (print) {
    return (
      <div className="chart-box print" style={{ width: PRINT_CHART_WIDTH, height }}>
        <canvas ref={ref} role="img" aria-label={label} width={PRINT_CHART_WIDTH} height={height} />
      </div>
    );
  }
  return (
    <div className="chart-box" style={{ height }}>
      <canvas ref={ref} role="img" aria-label={label} />
    </div>
  );
}
