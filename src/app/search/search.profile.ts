import { CredenceError } from '../../domain/errors.ts';
import { formatInstant } from '../../domain/time.ts';
import { bears } from '../../rules/measures.ts';
import { textIn } from '../../rules/rulebook.model.ts';
import { decodeState } from '../derive/derive.state.ts';
import { activeRulebooks } from '../governance/governance.rulebooks.ts';
import type { AppContext } from '../ports/ports.context.ts';
import { type PublicRecordView, publicRecordsOf } from '../queries/queries.public.ts';
import { combineAnswers, type ScoreView, scoreOf } from '../queries/queries.usecases.ts';
import type { ReportLang } from '../reports/reports.credit-data.ts';

/**
 * An organization's public profile, what a procurement officer needs before awarding a contract: grade and score
 * with the public part of its explanation, the records the public may see, the public list entries and every
 * measure in force with the decision behind it. Persons have no public profile.
 */

const iso = (t: number | null | undefined) =>
  t === null || t === undefined || !Number.isFinite(t) ? null : formatInstant(t);

export interface ProfileEntry {
  readonly list: string;
  readonly kind: string;
  readonly title: string;
  readonly decision: string;
  readonly since: string | null;
  readonly until: string | null;
  readonly legal_basis: string;
  /** The public records it rests on (by title), or the condition. */
  readonly grounds: string;
}

export interface ProfileMeasure {
  readonly measure: string;
  readonly kind: 'sanction' | 'reward';
  readonly title: string;
  /** Null: open-ended (while its condition holds). */
  readonly until: string | null;
  readonly legal_basis: string | null;
  /** The list decisions it rests on, with their lists; empty for a measure on grade or score alone. */
  readonly decisions: {
    readonly id: string;
    readonly list: string;
    readonly since: string | null;
  }[];
  /** For a measure without a decision: what it follows (`grade AA`). */
  readonly because: string | null;
}

export interface PublicProfile {
  readonly usci: string;
  readonly name: string;
  readonly at: string;
  readonly grade: string;
  readonly score: number;
  readonly base: number;
  readonly rulebook: { readonly name: string; readonly version: string; readonly hash: string };
  /** The score in words: each public record's points by its title; the non-public ones summed in one line. */
  readonly explanation: {
    readonly items: {
      readonly record: string;
      readonly title: string;
      readonly points: number;
      readonly until: string | null;
    }[];
    readonly non_public: { readonly count: number; readonly points: number };
  };
  readonly records: PublicRecordView[];
  readonly lists: ProfileEntry[];
  readonly measures: ProfileMeasure[];
}

/** The organization a public reference names, or a 404 that says nothing of persons. */
async function organizationOf(ctx: AppContext, usci: string) {
  const code = usci.trim().toUpperCase();
  const [s] = /^[0-9A-Z]{18}$/.test(code) ? await ctx.store.subjectsByUsci([code]) : [];
  if (s?.kind !== 'organization' || !s.usci)
    throw new CredenceError(
      'subject.not_found',
      'no organization with this USCI in this registry (persons have no public profile)',
    );
  return s;
}

function explanationOf(score: ScoreView, published: ReadonlySet<string>, title: (type: string) => string) {
  const items: PublicProfile['explanation']['items'][number][] = [];
  const non = { count: 0, points: 0 };
  for (const c of score.contributions) {
    const key = `${c.source}/${c.record}`;
    if (c.path === 'self' && published.has(key))
      items.push({
        record: key,
        title: c.rule && c.reason ? `${title(c.type)} — ${String(c.reason)}` : title(c.type),
        points: c.points,
        until: c.until,
      });
    else {
      non.count++;
      non.points += c.points;
    }
  }
  return { items, non_public: { count: non.count, points: Math.round(non.points * 100) / 100 } };
}

/** The public profile of an organization as of `at` (default now), its rulebook texts in `lang`. */
export async function publicProfile(
  ctx: AppContext,
  usci: string,
  opts: { at?: number | undefined; lang?: ReportLang } = {},
): Promise<PublicProfile> {
  const lang = opts.lang ?? 'en';
  const s = await organizationOf(ctx, usci);
  const when = opts.at ?? ctx.clock.now();
  // the explained score refreshes the stored projection first: the measure spans read below are current
  const score = await scoreOf(ctx, s.usci!, when);
  const records = await publicRecordsOf(ctx, s.usci!, when);
  return ctx.store.transaction(async (tx) => {
    const versions = await activeRulebooks(tx);
    const rb = versions.at(when);
    const typeTitle = (type: string) => {
      const t = rb.recordTypes.get(type);
      return (t && textIn(t, 'title', lang)) ?? type;
    };
    const recordTitle = new Map(
      records.map((r) => [r.key, `${typeTitle(r.type)} (${r.occurred_at.slice(0, 10)})`]),
    );
    const listIn = (list: string, hash: string, field: 'title' | 'legalBasis') => {
      const def = (versions.versions.find((v) => v.hash === hash) ?? rb).lists.get(list);
      return def ? textIn(def, field, lang) : undefined;
    };
    // an entry's own legal basis is translated only when it is the list's (a decision may cite another)
    const sameBasis = (e: ScoreView['lists'][number]) =>
      (versions.versions.find((v) => v.hash === e.rulebook.hash) ?? rb).lists.get(e.list)?.legalBasis ===
      e.legal_basis;
    const isPublic = (list: string, hash: string) =>
      (versions.versions.find((v) => v.hash === hash) ?? rb).lists.get(list)?.public.organization === true;
    const lists: ProfileEntry[] = score.lists
      .filter((e) => isPublic(e.list, e.rulebook.hash))
      .map((e) => {
        const g = e.grounds;
        const grounds =
          g.kind === 'records'
            ? g.records
                .map(
                  (k) => recordTitle.get(k) ?? (lang === 'zh' ? '一项不公开的记录' : 'a non-public record'),
                )
                .join('; ')
            : g.kind === 'condition'
              ? `${g.condition} (score ${g.score}, grade ${g.grade})`
              : `escalation from ${g.list}`;
        return {
          list: e.list,
          kind: e.kind,
          title: listIn(e.list, e.rulebook.hash, 'title') ?? e.title,
          decision: e.decision,
          since: e.since,
          until: e.until,
          legal_basis:
            (sameBasis(e) ? listIn(e.list, e.rulebook.hash, 'legalBasis') : undefined) ?? e.legal_basis,
          grounds,
        };
      });
    const entries = new Map(score.lists.map((e) => [e.decision, e]));
    const id = Number(s.id);
    const states = new Map(
      (await tx.derivedOf([id])).map((d) => [Number(d.subject_id), decodeState(d.state, versions.byHash)]),
    );
    const measures: ProfileMeasure[] = [...rb.measures.values()].flatMap((m) => {
      if (!bears(m.appliesTo, 'organization')) return [];
      const a = combineAnswers([{ id, via: 'self' }], states, m.name, m.appliesWhen.lists, when);
      if (!a.applies) return [];
      const decisions = a.decisions.map((d) => ({
        id: d,
        list: entries.get(d)?.list ?? '',
        since: entries.get(d)?.since ?? null,
      }));
      return [
        {
          measure: m.name,
          kind: m.kind,
          title: textIn(m, 'title', lang) ?? m.title,
          until: iso(a.until),
          legal_basis: m.legalBasis ? (textIn(m, 'legalBasis', lang) ?? m.legalBasis) : null,
          decisions,
          because: decisions.length > 0 ? null : `grade ${score.grade}, score ${score.score}`,
        },
      ];
    });
    return {
      usci: s.usci!,
      name: s.name,
      at: iso(when)!,
      grade: score.grade,
      score: score.score,
      base: score.base,
      rulebook: score.rulebook,
      explanation: explanationOf(score, new Set(records.map((r) => r.key)), typeTitle),
      records: records.map((r) => ({
        ...r,
        title: rb.recordTypes.has(r.type) ? typeTitle(r.type) : r.title,
      })),
      lists,
      measures,
    };
  });
}
