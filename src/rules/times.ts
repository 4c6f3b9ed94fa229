/**
 * Moments in ascending order without repeats, as `[...new Set(xs)].sort((a, b) => a - b)` gives them, without the
 * set, the spread or a comparison called back for each pair: a subject's timeline sorts a few such lists for every
 * record, and a population's rebuild sorts them for every subject. Reorders `xs` in place and returns it.
 */
export function ascendingUnique(xs: number[]): number[] {
  const n = xs.length;
  for (let i = 0; i < n; i++) if (Number.isNaN(xs[i])) return [...new Set(xs)].sort((a, b) => a - b);
  if (n > 32) xs.sort((a, b) => a - b);
  else
    for (let i = 1; i < n; i++) {
      const x = xs[i] as number;
      let j = i - 1;
      while (j >= 0 && (xs[j] as number) > x) {
        xs[j + 1] = xs[j] as number;
        j--;
      }
      xs[j + 1] = x;
    }
  let k = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i] as number;
    if (k === 0 || xs[k - 1] !== x) xs[k++] = x;
  }
  xs.length = k;
  return xs;
}
