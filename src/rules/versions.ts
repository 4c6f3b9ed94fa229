import type { Rulebook } from './rulebook.model.ts';

/** A rulebook version by its hash, if the registry holds it. */
export type RulebookOf = (hash: string) => Rulebook | undefined;

/** The activated rulebook versions, ordered by effective date; answers "which version is in force at t". */
export class RulebookSet {
  readonly versions: readonly Rulebook[];
  // the versions never change: what is derived from them is computed once (derivation asks for every subject)
  #listOrder?: string[];
  #measureNames?: string[];
  #changeTimes?: number[];
  #byHash?: Map<string, Rulebook>;
  constructor(versions: readonly Rulebook[]) {
    if (versions.length === 0) throw new Error('at least one rulebook version is needed');
    // stable: for equal dates the later activation wins
    this.versions = [...versions].sort((a, b) => a.effectiveFrom - b.effectiveFrom);
  }
  /** The version in force at t; before the first version, the first one (nothing older exists). */
  at(t: number): Rulebook {
    let found = this.versions[0]!;
    for (const v of this.versions) if (v.effectiveFrom <= t) found = v;
    return found;
  }
  /** Every version by hash (activated versions are never withdrawn, so what names one can always find it). */
  readonly byHash: RulebookOf = (hash) => {
    this.#byHash ??= new Map(this.versions.map((v) => [v.hash, v]));
    return this.#byHash.get(hash);
  };
  get latest(): Rulebook {
    return this.versions[this.versions.length - 1]!;
  }
  /** List names of every version, escalation sources before their targets. */
  get listOrder(): string[] {
    this.#listOrder ??= [...new Set(this.versions.flatMap((v) => v.listOrder))];
    return this.#listOrder;
  }
  /** Measure names of every version. */
  get measureNames(): string[] {
    this.#measureNames ??= [...new Set(this.versions.flatMap((v) => [...v.measures.keys()]))];
    return this.#measureNames;
  }
  /** Effective dates: a change of version may change any score. */
  get changeTimes(): number[] {
    this.#changeTimes ??= this.versions.slice(1).map((v) => v.effectiveFrom);
    return this.#changeTimes;
  }
}
