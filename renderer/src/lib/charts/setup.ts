// chart.js with only the pieces Framelens draws (bars and lines on category and linear scales), set up
// to match the app's look. Importing this module registers them once.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartType,
  type Plugin,
} from 'chart.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif";
Chart.defaults.font.size = 12;
Chart.defaults.color = '#59636e';
Chart.defaults.borderColor = '#eef0f3';
Chart.defaults.plugins.tooltip.backgroundColor = 'rgba(28, 33, 40, 0.92)';
Chart.defaults.plugins.tooltip.padding = 8;
Chart.defaults.plugins.tooltip.cornerRadius = 4;
Chart.defaults.plugins.tooltip.displayColors = false;
// Shorten the animation in place: replacing the defaults object would drop the keys chart.js reads to
// pick each property's interpolator.
if (typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches) Chart.defaults.animation = false;
else if (Chart.defaults.animation) Chart.defaults.animation.duration = 250;

/** Paints the canvas white first, so a saved PNG is not transparent (and unreadable on dark viewers). */
export function whiteBackground<T extends ChartType>(): Plugin<T> {
  return {
    id: 'framelensWhiteBackground',
    beforeDraw(chart) {
      const { ctx, width, height } = chart;
      ctx.save();
      ctx.globalCompositeOperation = 'destination-over';
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, width, height);
      ctx.restore();
    },
  };
}

/** A label cut to fit beside a bar; the full text stays in the tooltip and the table view. */
export function shorten(label: string, max = 28): string {
  return label.length > max ? `${label.slice(0, max - 1).trimEnd()}…` : label;
}

export { Chart };
