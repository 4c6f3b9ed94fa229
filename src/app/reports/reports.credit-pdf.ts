import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import type { CreditReportData, ReportLang } from './reports.credit-data.ts';

/**
 * The credit report as a PDF, in English or Chinese. Text is set in Noto Sans CJK SC (OFL-1.1, shipped by the
 * @embedpdf/fonts-sc package; no system fonts), embedded as a subset of the glyphs used.
 *
 * Subsetting goes through fontkit 2 rather than @pdf-lib/fontkit 1.1: the older fork writes a CID-keyed CFF
 * subset with an invalid header (offSize 27), which viewers reject, so every Chinese glyph renders blank.
 */
const require = createRequire(import.meta.url);

interface FontkitSubset {
  encode(): Uint8Array;
  encodeStream?: () => EventEmitter;
}
interface FontkitFont {
  createSubset(): FontkitSubset;
}
const upstream = require('fontkit') as { create(data: Buffer): FontkitFont };

const parsed = new WeakMap<Uint8Array, FontkitFont>();
/** fontkit 2 behind the interface pdf-lib 1.17 calls (`create`, and a subset's `encodeStream`); parsed once. */
const fontkit = {
  create(data: Uint8Array): FontkitFont {
    const known = parsed.get(data);
    if (known) return known;
    const font = upstream.create(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = createSubset();
      subset.encodeStream = () => {
        const out = new EventEmitter();
        setImmediate(() => {
          try {
            out.emit('data', subset.encode());
            out.emit('end');
          } catch (e) {
            out.emit('error', e);
          }
        });
        return out;
      };
      return subset;
    };
    parsed.set(data, font);
    return font;
  },
};

let fonts: { regular: Uint8Array; bold: Uint8Array } | undefined;
function fontBytes() {
  const dir = join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
  fonts ??= {
    regular: readFileSync(join(dir, 'NotoSansHans-Regular.otf')),
    bold: readFileSync(join(dir, 'NotoSansHans-Bold.otf')),
  };
  return fonts;
}

const LABELS = {
  en: {
    title: 'Credit report',
    registry: 'Registry',
    issued: 'Issued at',
    asOf: 'As of',
    subject: 'Organization',
    usci: 'Unified social credit identifier',
    standing: 'Grade and score',
    grade: 'Grade',
    score: 'score',
    base: 'base',
    explanation: 'How the score is made up',
    nonPublic: (n: number, p: string) => `${n} non-public record(s) or rule(s): ${p} points`,
    noPoints: 'No record counts: the score is the base.',
    until: 'until',
    noEnd: 'no end',
    records: 'Public records',
    none: 'None.',
    occurred: 'occurred',
    published: 'published until',
    basis: 'Legal basis',
    lists: 'List entries',
    since: 'since',
    decision: 'decision',
    measures: 'Measures in force',
    rulebook: 'Rulebook',
    hash: 'hash',
    footer:
      'Signed with the registry’s Ed25519 key. Verify offline: credence report verify FILE --key registry.pub; online: POST /v1/reports:verify. Any change to this file breaks the signature.',
    page: (i: number, n: number) => `Page ${i} of ${n}`,
    kind: {
      black: 'black list',
      red: 'red list',
      warning: 'warning list',
      sanction: 'sanction',
      reward: 'reward',
    },
  },
  zh: {
    title: '信用报告',
    registry: '登记机构',
    issued: '出具时间',
    asOf: '信息截至',
    subject: '主体名称',
    usci: '统一社会信用代码',
    standing: '信用等级与分值',
    grade: '等级',
    score: '分值',
    base: '基础分',
    explanation: '分值构成',
    nonPublic: (n: number, p: string) => `${n} 项不公开的记录或规则：${p} 分`,
    noPoints: '无计分记录：分值即基础分。',
    until: '有效至',
    noEnd: '无期限',
    records: '公开的信用记录',
    none: '无。',
    occurred: '发生于',
    published: '公示至',
    basis: '法律依据',
    lists: '名单',
    since: '列入时间',
    decision: '决定',
    measures: '正在实施的措施',
    rulebook: '评价规则',
    hash: '哈希',
    footer:
      '本报告由登记机构以 Ed25519 密钥签名。离线验证：credence report verify 文件 --key registry.pub；在线验证：POST /v1/reports:verify。文件任何改动都会使签名失效。',
    page: (i: number, n: number) => `第 ${i} 页，共 ${n} 页`,
    kind: { black: '黑名单', red: '红名单', warning: '警示名单', sanction: '惩戒措施', reward: '激励措施' },
  },
} as const;

const A4: [number, number] = [595.28, 841.89];
const M = 50;
const GREY = rgb(0.35, 0.35, 0.35);

class Writer {
  page!: PDFPage;
  y = 0;
  readonly pages: PDFPage[] = [];
  constructor(
    readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
    readonly glyphs: Set<number>,
  ) {
    this.newPage();
  }
  newPage() {
    this.page = this.doc.addPage(A4);
    this.pages.push(this.page);
    this.y = A4[1] - M;
  }
  /** Characters the font lacks are shown as □ rather than silently dropped. */
  safe(text: string) {
    return [...text].map((c) => (this.glyphs.has(c.codePointAt(0)!) || c === ' ' ? c : '□')).join('');
  }
  /** Breaks a line at spaces, or anywhere between Chinese characters, to fit the width. */
  wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const out: string[] = [];
    let line = '';
    for (const token of text.match(/[\p{Script=Han}\u3000-\u303f\uff00-\uffef]|[^\s\p{Script=Han}]+|\s+/gu) ??
      []) {
      const next = line + token;
      if (line !== '' && font.widthOfTextAtSize(next.trimEnd(), size) > width) {
        out.push(line.trimEnd());
        line = token.trimStart();
      } else line = next;
    }
    if (line.trim() !== '') out.push(line.trimEnd());
    return out;
  }
  text(
    text: string,
    opts: {
      size?: number;
      bold?: boolean;
      indent?: number;
      color?: ReturnType<typeof rgb>;
      gap?: number;
    } = {},
  ) {
    const size = opts.size ?? 10;
    const font = opts.bold ? this.bold : this.regular;
    const x = M + (opts.indent ?? 0);
    for (const line of this.wrap(this.safe(text), font, size, A4[0] - M - x)) {
      if (this.y - size < M + 20) this.newPage();
      this.y -= size * 1.45;
      this.page.drawText(line, { x, y: this.y, size, font, color: opts.color ?? rgb(0, 0, 0) });
    }
    this.y -= opts.gap ?? 0;
  }
  heading(text: string) {
    this.y -= 8;
    this.text(text, { size: 12, bold: true, gap: 2 });
  }
  rule() {
    this.page.drawLine({
      start: { x: M, y: this.y - 4 },
      end: { x: A4[0] - M, y: this.y - 4 },
      thickness: 0.5,
      color: GREY,
    });
    this.y -= 14;
  }
}

const day = (s: string | null, noEnd: string) => (s ? s.slice(0, 10) : noEnd);
const pts = (p: number) => `${p > 0 ? '+' : p < 0 ? '−' : '±'}${Math.abs(Math.round(p * 100) / 100)}`;

/** Renders the report (unsigned): the caller signs the bytes. */
export async function renderCreditReport(
  data: CreditReportData,
  meta: { registry: string; issuedAt: string; lang: ReportLang; keyFingerprint: string },
): Promise<Uint8Array> {
  const L = LABELS[meta.lang];
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit as never);
  const { regular, bold } = fontBytes();
  const fr = await doc.embedFont(regular, { subset: true });
  const fb = await doc.embedFont(bold, { subset: true });
  const w = new Writer(doc, fr, fb, new Set(fr.getCharacterSet()));
  const issued = new Date(meta.issuedAt);
  doc.setTitle(`${L.title} — ${data.subject.name} (${data.subject.usci})`);
  doc.setAuthor(meta.registry);
  doc.setCreator('Credence');
  doc.setProducer('Credence');
  doc.setCreationDate(issued);
  doc.setModificationDate(issued);
  doc.setLanguage(meta.lang === 'zh' ? 'zh-CN' : 'en');

  w.text(L.title, { size: 20, bold: true, gap: 4 });
  w.text(`${L.registry}: ${meta.registry} (key ${meta.keyFingerprint})`, { color: GREY });
  w.text(`${L.issued}: ${meta.issuedAt}    ${L.asOf}: ${data.asOf}`, { color: GREY });
  w.rule();
  w.text(data.subject.name, { size: 16, bold: true, gap: 2 });
  w.text(`${L.usci}: ${data.subject.usci}`);

  w.heading(L.standing);
  w.text(`${L.grade} ${data.grade} · ${L.score} ${data.score} (${L.base} ${data.base})`, {
    size: 14,
    bold: true,
  });
  w.heading(L.explanation);
  if (data.explanation.length === 0 && data.nonPublic.count === 0) w.text(L.noPoints);
  for (const e of data.explanation)
    w.text(`${pts(e.points).padStart(6)}   ${e.text} (${L.until} ${day(e.until, L.noEnd)})`, { indent: 8 });
  if (data.nonPublic.count > 0)
    w.text(
      `${pts(data.nonPublic.points).padStart(6)}   ${L.nonPublic(data.nonPublic.count, pts(data.nonPublic.points))}`,
      {
        indent: 8,
        color: GREY,
      },
    );

  w.heading(L.records);
  if (data.records.length === 0) w.text(L.none);
  for (const r of data.records) {
    w.text(
      `${r.title} — ${L.occurred} ${day(r.occurred, L.noEnd)}, ${L.published} ${day(r.publishedUntil, L.noEnd)}`,
      { indent: 8 },
    );
    w.text(`${L.basis}: ${r.legalBasis}`, { indent: 20, size: 9, color: GREY });
  }

  w.heading(L.lists);
  if (data.lists.length === 0) w.text(L.none);
  for (const l of data.lists) {
    const kind = L.kind[l.kind as keyof typeof L.kind] ?? l.kind;
    w.text(
      `${l.title} (${kind}) — ${L.since} ${day(l.since, L.noEnd)}, ${L.until} ${day(l.until, L.noEnd)}`,
      { indent: 8 },
    );
    w.text(`${L.basis}: ${l.legalBasis} · ${L.decision} ${l.decision}`, { indent: 20, size: 9, color: GREY });
  }

  w.heading(L.measures);
  if (data.measures.length === 0) w.text(L.none);
  for (const m of data.measures) {
    const kind = L.kind[m.kind as keyof typeof L.kind] ?? m.kind;
    w.text(`${m.title} (${kind}) — ${L.until} ${day(m.until, L.noEnd)}`, { indent: 8 });
    w.text(`${L.basis}: ${m.legalBasis} · ${L.decision} ${m.decisions.join(', ')}`, {
      indent: 20,
      size: 9,
      color: GREY,
    });
  }

  w.heading(L.rulebook);
  w.text(`${data.rulebook.name} ${data.rulebook.version}`);
  w.text(`${L.hash}: ${data.rulebook.hash}`, { size: 8, color: GREY });
  w.y -= 10;
  w.rule();
  w.text(L.footer, { size: 8, color: GREY });

  w.pages.forEach((p, i) => {
    const label = L.page(i + 1, w.pages.length);
    p.drawText(label, {
      x: A4[0] - M - fr.widthOfTextAtSize(label, 8),
      y: M - 20,
      size: 8,
      font: fr,
      color: GREY,
    });
  });
  return doc.save({ useObjectStreams: false });
}
