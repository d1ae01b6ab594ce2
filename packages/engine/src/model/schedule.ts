/** Linear warm-up to `peak`, then cosine decay to `peak * minRatio` at `totalSteps`. `step` is 0-based. */
export function learningRateAt(
  step: number,
  totalSteps: number,
  peak: number,
  warmupSteps: number,
  minRatio = 0.1,
): number {
  if (warmupSteps > 0 && step < warmupSteps) return (peak * (step + 1)) / warmupSteps;
  const span = Math.max(1, totalSteps - warmupSteps);
  const progress = Math.min(1, (step - warmupSteps) / span);
  const min = peak * minRatio;
  return min + 0.5 * (peak - min) * (1 + Math.cos(Math.PI * progress));
}
