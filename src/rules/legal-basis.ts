/**
 * A legal basis is a citation: an instrument and the article (section, paragraph, rule…) that allows the measure.
 * Placeholders and bare titles are refused (DESIGN §4 guardrails), so that nobody is listed or sanctioned on a
 * basis nobody can look up.
 */

const MIN_LENGTH = 10;

/** Words that mark an unfinished citation, anywhere in the text. */
const PLACEHOLDER =
  /\b(PLACEHOLDER|TODO|TBD|TBC|FIXME|XXX+|lorem ipsum)\b|\bto be (supplied|determined|confirmed|added|decided)\b/i;
/** Texts that are nothing but a filler. */
const FILLER = /^(x+|n\/?a|none|null|nil|-+|\?+|\.+|basis|legal basis|law|tbd|unknown)$/i;

/** `art. 3`, `Article 5(1)(c)`, `arts. 6 and 7`, `section 2`, `s. 12`, `para 4`, `rule 3`, `§ 31`, `第十条`. */
const NUMBERED =
  /\b(?:arts?|articles?|sect(?:ion)?s?|paras?|paragraphs?|rules?|chapters?|ch|items?|points?|recitals?|annex(?:es)?|parts?|regs?|regulations?)\.?\s*\d|\bs\.\s*\d|§+\s*\d|第[一二三四五六七八九十百千零〇两\d]+[条款项章节]/i;
/** The same words followed by a Roman numeral (`section II`, `Part IV`), matched case-sensitively. */
const ROMAN =
  /\b(?:[Aa]rt(?:icle)?s?|ART(?:ICLE)?S?|[Ss]ection|SECTION|[Pp]art|PART|[Cc]hapter|CHAPTER|[Aa]nnex|ANNEX)\.?\s+[IVXL]+\b/;

/**
 * The problem of a real citation of a whole instrument that names no article, such as a memorandum cited by its title
 * and year (DESIGN's own example: "Joint memorandum on judgment defaulters (2016)").
 */
export const NO_ARTICLE = `cites no article, section or paragraph: name the provision, e.g. "Company Law of the PRC, art. 178"`;

/** Why `text` is not an acceptable legal basis, or undefined when it cites an instrument and an article. */
export function legalBasisProblem(text: string): string | undefined {
  const t = text.trim();
  if (t === '') return 'is empty: cite an instrument and an article';
  const ph = PLACEHOLDER.exec(t);
  if (ph) return `is a placeholder ("${ph[0]}"), not a citation: cite an instrument and an article`;
  if (FILLER.test(t)) return `"${t}" is a placeholder, not a citation: cite an instrument and an article`;
  if (t.length < MIN_LENGTH)
    return `"${t}" is too short to cite an instrument and an article (at least ${MIN_LENGTH} characters)`;
  if (!NUMBERED.test(t) && !ROMAN.test(t)) return NO_ARTICLE;
  // something must be left besides the provision: the instrument it belongs to
  const rest = t.replace(new RegExp(NUMBERED.source, 'gi'), ' ').replace(new RegExp(ROMAN.source, 'g'), ' ');
  if ((rest.match(/[\p{L}]/gu) ?? []).length < 3)
    return 'names a provision but no instrument: say which law or regulation it belongs to';
  return undefined;
}
