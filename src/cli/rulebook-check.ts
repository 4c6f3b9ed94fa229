import { DOMAIN_CATALOGUE } from '../rules/domains.ts';
import { type EuProfile, euAiActProfile } from '../rules/profile.eu-ai-act.ts';
import { PUBLICATION_TIERS, publicationTerms } from '../rules/publication.ts';
import type { Rulebook } from '../rules/rulebook.model.ts';

/** The profiles `credence rulebook check --profile` knows. */
export const PROFILES = ['eu-ai-act'] as const;

/** `--explain`: the catalogue entries the rulebook's record domains use, and how each type is published. */
export function explainCatalogue(rb: Rulebook): string {
  const used = new Set([...rb.recordTypes.values()].map((t) => t.domain));
  const lines = [
    '',
    'record domains (catalogue of permitted public credit information) and their legal basis:',
  ];
  for (const d of DOMAIN_CATALOGUE)
    if (used.has(d.domain))
      lines.push(`  ${d.domain.padEnd(12)} ${d.title}`, `  ${''.padEnd(12)} ${d.legalBasis}`);
  lines.push('', 'publication (national tiers since 2026-04-01): record type → published for');
  for (const t of rb.recordTypes.values()) {
    const terms = publicationTerms(t);
    const how = !t.public
      ? 'not published (public: false)'
      : terms.max.text === 'P0D' || terms.max.text === 'PT0S'
        ? `not published (${PUBLICATION_TIERS[t.severity].description})`
        : `up to ${terms.max.text} from occurred_at, repair may end it from ${terms.min.text}${t.publish ? '' : ' (tier default)'}`;
    lines.push(`  ${t.name.padEnd(42)} ${t.severity.padEnd(8)} ${how}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The EU AI Act Art. 5(1)(c) verdict in words; `prohibited` decides the exit code. */
export function profileText(file: string, profile: EuProfile): string {
  const yes = (b: boolean) => (b ? 'yes' : 'no ');
  const lines = [
    `${file}: EU AI Act Art. 5(1)(c) (social scoring) — sanctions that can reach a natural person`,
  ];
  for (const s of profile.sanctions) {
    lines.push(
      `  ${s.prohibited ? 'FAIL' : 'pass'} ${s.measure} (reaches ${s.persons.join(', ')}): C1 ${yes(s.c1.holds)} C2 ${yes(s.c2.holds)} C3 ${yes(s.c3.holds)} C4 ${yes(s.c4.holds)} C5 ${yes(s.c5.holds)}`,
    );
    if (s.prohibited || s.links.length > 0) {
      for (const c of [s.c2, s.c4, s.c5]) lines.push(`       ${c.why}`);
      for (const l of s.links) lines.push(`       ${l.criterion} ${l.path}`);
    }
  }
  if (profile.organizationsOnly.length > 0)
    lines.push(`  not assessed (organizations only): ${profile.organizationsOnly.join(', ')}`);
  const failing = profile.sanctions.filter((s) => s.prohibited).length;
  lines.push(
    failing > 0
      ? `${failing} sanction(s) meet C1–C3 together with C4 or C5: prohibited social scoring under Art. 5(1)(c)`
      : 'no sanction meets C1–C3 together with C4 or C5',
  );
  return `${lines.join('\n')}\n`;
}

export { euAiActProfile };
