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

/**
 * A step function from changes (`by[i]` at `at[i]`): its moments in ascending order without repeats, and the
 * running sum of the changes up to each. Changes at one moment are added in the order given (a stable sort of
 * their indices), so a sum comes out the same, to the last bit, as adding the changes one by one in time order.
 */
export function runningSums(
  at: readonly number[],
  by: readonly number[],
): { times: number[]; sums: number[] } {
  const order: number[] = new Array(at.length);
  let ordered = true;
  for (let i = 0; i < order.length; i++) {
    order[i] = i;
    if (i > 0 && (at[i - 1] as number) > (at[i] as number)) ordered = false;
  }
  // one record's changes, or a few records' one after another, come in order already: no sort (and its copy)
  if (!ordered) order.sort((a, b) => (at[a] as number) - (at[b] as number));
  const times: number[] = [];
  const sums: number[] = [];
  let sum = 0;
  for (const i of order) {
    const t = at[i] as number;
    sum += by[i] as number;
    if (times.length > 0 && times[times.length - 1] === t) sums[sums.length - 1] = sum;
    else {
      times.push(t);
      sums.push(sum);
    }
  }
  return { times, sums };
}
