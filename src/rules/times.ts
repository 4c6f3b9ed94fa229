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

/** Arrays up to this length are sorted by insertion: Array.prototype.sort copies every array it sorts. */
const BY_INSERTION = 16;

/**
 * Sorts `xs` in place as `xs.sort(compare)` does (stably: equal elements keep their order), without the copy
 * that `sort` makes of every array, however short: a derivation sorts a few short lists for every subject.
 */
export function stableSort<T>(xs: T[], compare: (a: T, b: T) => number): T[] {
  const n = xs.length;
  if (n > BY_INSERTION) return xs.sort(compare);
  for (let i = 1; i < n; i++) {
    const x = xs[i] as T;
    let j = i - 1;
    while (j >= 0 && compare(xs[j] as T, x) > 0) {
      xs[j + 1] = xs[j] as T;
      j--;
    }
    xs[j + 1] = x;
  }
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
  if (!ordered) stableSort(order, (a, b) => (at[a] as number) - (at[b] as number));
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

/**
 * The moments of two lists, each ascending without repeats, in one list ascending without repeats: what
 * `ascendingUnique` gives for the two concatenated, without sorting them again.
 */
export function mergeAscendingUnique(a: readonly number[], b: readonly number[]): number[] {
  // NaN compares with nothing: as ascendingUnique has it (in Set order), which no merge gives
  if (a.some(Number.isNaN) || b.some(Number.isNaN)) return ascendingUnique([...a, ...b]);
  const out: number[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x < y) {
      out[k++] = x;
      i++;
    } else if (y < x) {
      out[k++] = y;
      j++;
    } else {
      out[k++] = x;
      i++;
      j++;
    }
  }
  while (i < a.length) out[k++] = a[i++] as number;
  while (j < b.length) out[k++] = b[j++] as number;
  out.length = k;
  return out;
}
