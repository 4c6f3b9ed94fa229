/**
 * Message catalogues of the web pages: English and Simplified Chinese. Every key of `en` must exist in `zh`
 * (the type says so). Placeholders are `{name}`. Rulebook texts (record type and list titles, legal bases)
 * are data and are shown as the rulebook writes them.
 */

import { en } from './i18n.en.ts';
import { LANGS, type Lang, type MessageKey, type T } from './i18n.types.ts';
import { zh } from './i18n.zh.ts';

export { LANGS, type Lang, type MessageKey, type T };

/** Every message key (the English catalogue is the reference). */
export const MESSAGE_KEYS = Object.keys(en) as MessageKey[];

const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { en, 'zh-CN': zh };

/** The translator of a language: fills `{name}` placeholders; a missing parameter stays visible. */
export function translator(lang: Lang): T {
  const cat = CATALOGUES[lang];
  return (key, params) => {
    const text = cat[key] ?? en[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) =>
      Object.hasOwn(params, name) ? String(params[name]) : m,
    );
  };
}

export function isLang(v: unknown): v is Lang {
  return typeof v === 'string' && (LANGS as readonly string[]).includes(v);
}

/** The language of a request: an explicit choice (query, then cookie), else the browser's Accept-Language. */
export function pickLang(query: unknown, cookie: unknown, acceptLanguage: string | undefined): Lang {
  if (isLang(query)) return query;
  if (isLang(cookie)) return cookie;
  const prefs = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((x) => x !== undefined);
      return { tag: (tag ?? '').toLowerCase(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((p) => p.tag && p.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const p of prefs) {
    if (p.tag === 'zh' || p.tag.startsWith('zh-')) return 'zh-CN';
    if (p.tag === 'en' || p.tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

/** Province names for the region code (USCI positions 3–4). */
const PROVINCES: Record<string, [string, string]> = {
  '11': ['Beijing', '北京'],
  '12': ['Tianjin', '天津'],
  '13': ['Hebei', '河北'],
  '14': ['Shanxi', '山西'],
  '15': ['Inner Mongolia', '内蒙古'],
  '21': ['Liaoning', '辽宁'],
  '22': ['Jilin', '吉林'],
  '23': ['Heilongjiang', '黑龙江'],
  '31': ['Shanghai', '上海'],
  '32': ['Jiangsu', '江苏'],
  '33': ['Zhejiang', '浙江'],
  '34': ['Anhui', '安徽'],
  '35': ['Fujian', '福建'],
  '36': ['Jiangxi', '江西'],
  '37': ['Shandong', '山东'],
  '41': ['Henan', '河南'],
  '42': ['Hubei', '湖北'],
  '43': ['Hunan', '湖南'],
  '44': ['Guangdong', '广东'],
  '45': ['Guangxi', '广西'],
  '46': ['Hainan', '海南'],
  '50': ['Chongqing', '重庆'],
  '51': ['Sichuan', '四川'],
  '52': ['Guizhou', '贵州'],
  '53': ['Yunnan', '云南'],
  '54': ['Tibet', '西藏'],
  '61': ['Shaanxi', '陕西'],
  '62': ['Gansu', '甘肃'],
  '63': ['Qinghai', '青海'],
  '64': ['Ningxia', '宁夏'],
  '65': ['Xinjiang', '新疆'],
  '71': ['Taiwan', '台湾'],
  '81': ['Hong Kong', '香港'],
  '82': ['Macao', '澳门'],
};

export function regionName(code: string, lang: Lang): string {
  const p = PROVINCES[code];
  return p ? p[lang === 'zh-CN' ? 1 : 0] : code || '—';
}

export function sectorName(sector: string, t: T): string {
  const key = `sector.${sector}` as MessageKey;
  return key in en ? t(key) : sector;
}

/** An ISO 8601 duration of years, months, weeks and days in words (`P30D` → “30 days”); others as written. */
export function durationText(iso: string, lang: Lang): string {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(iso);
  if (!m || iso === 'P') return iso;
  const units: [string | undefined, string, string, string][] = [
    [m[1], 'year', 'years', '年'],
    [m[2], 'month', 'months', '个月'],
    [m[3], 'week', 'weeks', '周'],
    [m[4], 'day', 'days', '天'],
  ];
  const parts = units
    .filter(([n]) => n !== undefined && Number(n) > 0)
    .map(([n, one, many, zh]) => (lang === 'zh-CN' ? `${n} ${zh}` : `${n} ${Number(n) === 1 ? one : many}`));
  return parts.length === 0
    ? lang === 'zh-CN'
      ? '0 天'
      : '0 days'
    : parts.join(lang === 'zh-CN' ? ' ' : ', ');
}
