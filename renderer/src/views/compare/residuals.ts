// Colours of adjusted residuals: beyond ±1.96 a cell is used more (warm) or less (cool) often than if the
// tags were spread evenly over the groups; in between it is left plain.

/** The two-sided 5% point of the normal distribution. */
export const CRITICAL = 1.96;

export const OVER = { background: '#fbd9c2', color: '#8a3300' } as const;
export const UNDER = { background: '#cfe0fa', color: '#1e429a' } as const;
const PLAIN = { background: 'transparent', color: '#1c2128' } as const;

export function residualStyle(residual: number): { background: string; color: string } {
  if (!Number.isFinite(residual)) return PLAIN;
  if (residual > CRITICAL) return OVER;
  if (residual < -CRITICAL) return UNDER;
  return PLAIN;
}
