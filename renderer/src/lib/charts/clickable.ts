// Charts whose bars and points open the mentions behind them.
import type { ActiveElement, ChartOptions } from 'chart.js';

type TooltipOptions = NonNullable<NonNullable<ChartOptions<'bar'>['plugins']>['tooltip']>;

/** A click on a bar or point picks it; the pointer shows where a click would land. */
export function clickHandlers(pick: (hit: ActiveElement) => void): Pick<ChartOptions, 'onClick' | 'onHover'> {
  return {
    onClick: (_event, elements) => {
      const hit = elements[0];
      if (hit) pick(hit);
    },
    onHover: (event, elements) => {
      const target = event.native?.target;
      if (target instanceof HTMLElement) target.style.cursor = elements.length ? 'pointer' : 'default';
    },
  };
}

/** Horizontal bars, one per row, labelled on the left; clicking a bar picks its row. */
export function clickableBarOptions(pick: (index: number) => void, tooltip: TooltipOptions): ChartOptions<'bar'> {
  return {
    indexAxis: 'y',
    responsive: true,
    maintainAspectRatio: false,
    plugins: { legend: { display: false }, tooltip },
    scales: {
      x: { beginAtZero: true, ticks: { precision: 0 } },
      y: { grid: { display: false }, ticks: { color: '#1c2128', autoSkip: false } },
    },
    ...clickHandlers((hit) => pick(hit.index)),
  };
}
