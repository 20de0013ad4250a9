import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

/** Only what the report charts use, so the bundle carries no other chart types (tree-shaking). */
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  DoughnutController,
  ArcElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);
Chart.defaults.font.family = "system-ui, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";
Chart.defaults.color = '#1d1d1f';

export { Chart };
