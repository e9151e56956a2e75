// A chart on a <canvas> as a Svelte attachment: created once when the canvas appears, fed new data with
// chart.update() whenever what `refresh` reads changes, and destroyed with the canvas.
import { untrack } from 'svelte';
import type { Attachment } from 'svelte/attachments';
import type { ChartConfiguration, ChartType, DefaultDataPoint } from 'chart.js';
import { Chart, whiteBackground } from './setup.ts';

/** The canvas keeps a handle on its chart, so end-to-end tests can find where a bar was drawn. */
export type ChartCanvas = HTMLCanvasElement & { framelensChart?: unknown };

export function chartOn<TType extends ChartType, TData = DefaultDataPoint<TType>, TLabel = unknown>(
  config: () => ChartConfiguration<TType, TData, TLabel>,
  refresh: (chart: Chart<TType, TData, TLabel>) => void,
  onready?: (chart: Chart<TType, TData, TLabel> | null) => void,
): Attachment<HTMLCanvasElement> {
  return (canvas: ChartCanvas) => {
    const chart = untrack(() => {
      const c = config();
      return new Chart<TType, TData, TLabel>(canvas, { ...c, plugins: [...(c.plugins ?? []), whiteBackground<TType>()] });
    });
    canvas.framelensChart = chart;
    untrack(() => onready?.(chart));
    $effect(() => {
      refresh(chart);
      untrack(() => chart.update());
    });
    return () => {
      untrack(() => onready?.(null));
      delete canvas.framelensChart;
      chart.destroy();
    };
  };
}
