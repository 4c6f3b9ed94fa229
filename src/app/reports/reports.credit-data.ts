import { CredenceError } from '../../domain/errors.ts';
import { formatInstant } from '../../domain/time.ts';
import { bears } from '../../rules/measures.ts';
import { isPublishedAt, publicationSpan } from '../../rules/publication.ts';
import { textIn as rulebookText } from '../../rules/rulebook.model.ts';
import { loadFiles } from '../derive/derive.files.ts';
import { decodeState } from '../derive/derive.state.ts';
import { activeRulebooks } from '../governance/governance.rulebooks.ts';
import type { AppContext } from '../ports/ports.context.ts';
import { combineAnswers, findSubject, scoreOf } from '../queries/queries.usecases.ts';

export type ReportLang = 'en' | 'zh';

/** A rulebook text in the reader's language: plain strings as they are, `{en, zh}` texts by language. */
export function textIn(v: unknown, lang: ReportLang): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const t = o[lang] ?? o.en ?? Object.values(o)[0];
    if (typeof t === 'string') return t;
  }
  return v === undefined || v === null ? '' : String(v);
}

const iso = (t: number | null | undefined) =>
  t === null || t === undefined || !Number.isFinite(t) ? null : formatInstant(t);

/** What a credit report states: only what the public may see of an organization, as of one instant. */
export interface CreditReportData {
  readonly asOf: string;
  readonly subject: { readonly usci: string; readonly name: string };
  readonly score: number;
  readonly grade: string;
  readonly base: number;
  /** Public records by title; the non-public ones summed in one line. */
  readonly explanation: readonly {
    readonly text: string;
    readonly points: number;
    readonly until: string | null;
  }[];
  readonly nonPublic: { readonly count: number; readonly points: number };
  readonly records: readonly {
    readonly title: string;
    readonly occurred: string;
    readonly legalBasis: string;
    readonly publishedUntil: string | null;
  }[];
  readonly lists: readonly {
    readonly title: string;
    readonly kind: string;
    readonly since: string | null;
    readonly until: string | null;
    readonly legalBasis: string;
    readonly decision: string;
  }[];
  readonly measures: readonly {
    readonly title: string;
    readonly kind: string;
    readonly until: string | null;
    readonly legalBasis: string;
    readonly decisions: readonly string[];
  }[];
  readonly rulebook: { readonly name: string; readonly version: string; readonly hash: string };
}

/**
 * The public standing of an organization at `at` (default now): grade, score and its public explanation,
 * published records, public list entries and every measure in force. Persons have no public report.
 */
export async function creditReportData(
  ctx: AppContext,
  ref: string,
  lang: ReportLang,
  at?: number,
): Promise<CreditReportData> {
  const s = await ctx.store.transaction((tx) => findSubject(ctx, tx, ref));
  if (s.kind !== 'organization' || !s.usci)
    throw new CredenceError('report.organizations_only', 'credit reports are issued for organizations only');
  const when = at ?? ctx.clock.now();
  // the explained score refreshes the stored projection first: the states read below are current
  const score = await scoreOf(ctx, s.usci, when);
  return ctx.store.transaction(async (tx) => {
    const versions = await activeRulebooks(tx);
    const rb = versions.at(when);
    const id = Number(s.id);
    const { files } = await loadFiles(tx, versions, [id]);
    const own = files.get(id)?.records ?? [];
    const published = new Set<string>();
    const records = own.flatMap((r) => {
      const type = rb.recordTypes.get(r.type);
      if (!type || r.occurredAt > when || !isPublishedAt(type, r, when)) return [];
      published.add(`${r.source}/${r.id}`);
      return [
        {
          title: rulebookText(type, 'title', lang) ?? type.title,
          occurred: iso(r.occurredAt)!,
          legalBasis: r.legalBasis,
          publishedUntil: iso(publicationSpan(type, r)?.until),
        },
      ];
    });
    const explanation: { text: string; points: number; until: string | null }[] = [];
    const nonPublic = { count: 0, points: 0 };
    for (const c of score.contributions) {
      const type = rb.recordTypes.get(c.type);
      if (c.path === 'self' && published.has(`${c.source}/${c.record}`) && type)
        explanation.push({
          text: c.rule
            ? `${rulebookText(type, 'title', lang) ?? type.title} — ${textIn(c.reason, lang)}`
            : (rulebookText(type, 'title', lang) ?? type.title),
          points: c.points,
          until: c.until,
        });
      else {
        nonPublic.count++;
        nonPublic.points += c.points;
      }
    }
    const isPublic = (list: string, hash: string) =>
      (versions.versions.find((v) => v.hash === hash) ?? rb).lists.get(list)?.public.organization === true;
    const listDef = (name: string) => rb.lists.get(name);
    const lists = score.lists
      .filter((e) => isPublic(e.list, e.rulebook.hash))
      .map((e) => ({
        // the rulebook's own texts in the reader's language (its Chinese texts where it gives them)
        title: listDef(e.list) ? (rulebookText(listDef(e.list)!, 'title', lang) ?? e.title) : e.title,
        kind: e.kind,
        since: e.since,
        until: e.until,
        legalBasis:
          (listDef(e.list)?.legalBasis && rulebookText(listDef(e.list)!, 'legalBasis', lang)) ||
          e.legal_basis,
        decision: e.decision,
      }));
    const states = new Map(
      (await tx.derivedOf([id])).map((d) => [Number(d.subject_id), decodeState(d.state, versions.byHash)]),
    );
    const measures = [...rb.measures.values()].flatMap((m) => {
      if (!bears(m.appliesTo, 'organization')) return [];
      const a = combineAnswers([{ id, via: 'self' }], states, m.name, m.appliesWhen.lists, when);
      if (!a.applies) return [];
      return [
        {
          title: rulebookText(m, 'title', lang) ?? m.title,
          kind: m.kind,
          until: iso(a.until),
          legalBasis: rulebookText(m, 'legalBasis', lang) ?? m.legalBasis ?? '',
          decisions: a.decisions,
        },
      ];
    });
    return {
      asOf: iso(when)!,
      subject: { usci: s.usci!, name: s.name },
      score: score.score,
      grade: score.grade,
      base: score.base,
      explanation,
      nonPublic: { count: nonPublic.count, points: Math.round(nonPublic.points * 100) / 100 },
      records,
      lists,
      measures,
      rulebook: { name: rb.name, version: rb.version, hash: rb.hash },
    };
  });
}
