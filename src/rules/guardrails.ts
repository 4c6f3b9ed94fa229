/**
 * Protected categories that no record type, domain or list may name, and surveillance sources that no
 * record type may ingest. Matching works on tokens (split on separators and camelCase, with common
 * letter-for-digit spellings undone) so that `Religious_Activity`, `rel1gion` and `sexualOrientation`
 * are caught while `surface` or `transport` are not.
 */
const CATEGORIES: ReadonlyArray<{ readonly category: string; readonly stems: readonly string[] }> = [
  {
    category: 'political opinion',
    stems: [
      'polit',
      'petition',
      'xinfang',
      'shangfang',
      'dissent',
      'protest',
      'partymember',
      'partyaffiliation',
      'communistparty',
      'falun',
    ],
  },
  {
    category: 'religion or belief',
    stems: [
      'relig',
      'belief',
      'faith',
      'church',
      'mosque',
      'temple',
      'worship',
      'atheis',
      'pray',
      'christian',
      'muslim',
      'islam',
      'buddhis',
      'spiritual',
      'crucifix',
      'scripture',
      'bible',
      'quran',
      'koran',
      'shrine',
      'rosary',
    ],
  },
  {
    category: 'ethnic origin',
    stems: ['ethnic', 'race', 'racial', 'nationality', 'uyghur', 'uighur', 'tibetan', 'ancestry'],
  },
  {
    category: 'health',
    stems: [
      'health',
      'medic',
      'disease',
      'illness',
      'hiv',
      'pregnan',
      'disabilit',
      'mental',
      'psychiatr',
      'diagnos',
      'vaccin',
    ],
  },
  {
    category: 'biometrics',
    stems: [
      'biometric',
      'fingerprint',
      'face',
      'facial',
      'gait',
      'iris',
      'dna',
      'genetic',
      'voiceprint',
      'retina',
    ],
  },
  {
    category: 'sex life or orientation',
    stems: ['sex', 'orientation', 'gay', 'lesbian', 'lgbt', 'homosex', 'bisex', 'transgender', 'intimate'],
  },
  { category: 'trade-union membership', stems: ['tradeunion', 'laborunion', 'labourunion', 'unionmember'] },
  {
    category: 'surveillance data (camera, face, gait, social-media speech)',
    stems: [
      'camera',
      'cctv',
      'surveil',
      'socialmedia',
      'weibo',
      'wechat',
      'speech',
      'onlinepost',
      'onlinecomment',
      'repost',
      'tweet',
      'blogpost',
    ],
  },
];

/** Whole words only: as stems they would also catch innocent words (`assembly` is a protest, not a factory line). */
const WORDS: ReadonlyArray<readonly [string, string]> = [
  ['assembly', 'political opinion (assembly)'],
  ['assemblies', 'political opinion (assembly)'],
  ['rally', 'political opinion (assembly)'],
  ['rallies', 'political opinion (assembly)'],
  ['demonstration', 'political opinion (assembly)'],
  ['demonstrations', 'political opinion (assembly)'],
  ['demonstrator', 'political opinion (assembly)'],
  ['demonstrators', 'political opinion (assembly)'],
  ['icon', 'religion or belief'],
  ['icons', 'religion or belief'],
  ['idol', 'religion or belief'],
  ['idols', 'religion or belief'],
];

/** Pairs of words that together name a protected category. */
const PHRASES: ReadonlyArray<readonly [string, string, string]> = [
  ['party', 'member', 'political opinion (party membership)'],
  ['party', 'membership', 'political opinion (party membership)'],
  ['party', 'members', 'political opinion (party membership)'],
  ['joined', 'party', 'political opinion (party membership)'],
  ['religious', 'image', 'religion or belief'],
  ['freedom', 'expression', 'political opinion (speech)'],
  ['public', 'assembly', 'political opinion (assembly)'],
];

const CHINESE: ReadonlyArray<readonly [string, string]> = [
  ['上访', 'political opinion (petitioning)'],
  ['信访', 'political opinion (petitioning)'],
  ['请愿', 'political opinion (petitioning)'],
  ['党员', 'political opinion (party membership)'],
  ['入党', 'political opinion (party membership)'],
  ['党籍', 'political opinion (party membership)'],
  ['集会', 'political opinion (assembly)'],
  ['游行', 'political opinion (assembly)'],
  ['示威', 'political opinion (assembly)'],
  ['抗议', 'political opinion (assembly)'],
  ['政治', 'political opinion'],
  ['佛像', 'religion or belief'],
  ['圣像', 'religion or belief'],
  ['十字架', 'religion or belief'],
  ['礼拜', 'religion or belief'],
  ['清真', 'religion or belief'],
  ['宗教', 'religion or belief'],
  ['信仰', 'religion or belief'],
  ['民族', 'ethnic origin'],
  ['种族', 'ethnic origin'],
  ['健康', 'health'],
  ['医疗', 'health'],
  ['疾病', 'health'],
  ['生物识别', 'biometrics'],
  ['人脸', 'biometrics'],
  ['步态', 'biometrics'],
  ['指纹', 'biometrics'],
  ['性取向', 'sex life or orientation'],
  ['性生活', 'sex life or orientation'],
  ['同性恋', 'sex life or orientation'],
  ['基因', 'biometrics'],
  ['声纹', 'biometrics'],
  ['面部', 'biometrics'],
  ['残疾', 'health'],
  ['工会', 'trade-union membership'],
  ['摄像', 'surveillance data (camera, face, gait, social-media speech)'],
  ['监控', 'surveillance data (camera, face, gait, social-media speech)'],
  ['言论', 'surveillance data (camera, face, gait, social-media speech)'],
  ['发帖', 'surveillance data (camera, face, gait, social-media speech)'],
  ['微博', 'surveillance data (camera, face, gait, social-media speech)'],
  ['朋友圈', 'surveillance data (camera, face, gait, social-media speech)'],
];

/** Stems distinctive enough to match across separators (`re_ligion`, `trade-union`) without false hits. */
const ACROSS_SEPARATORS: ReadonlySet<string> = new Set([
  'relig',
  'ethnic',
  'biometric',
  'orientation',
  'fingerprint',
  'tradeunion',
  'laborunion',
  'labourunion',
  'unionmember',
  'socialmedia',
  'homosex',
  'voiceprint',
  'partymember',
  'partyaffiliation',
  'communistparty',
  'xinfang',
  'shangfang',
  'onlinecomment',
]);

const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
};

function tokens(text: string): string[] {
  const unleet = text.replace(/[0134579@$!]/g, (c, i: number) => {
    // a digit between letters is a spelling trick; a standalone number is just a number
    const prev = text[i - 1] ?? '';
    const next = text[i + 1] ?? '';
    return /[a-z]/i.test(prev) || /[a-z]/i.test(next) ? (LEET[c] ?? c) : c;
  });
  return unleet
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The categories that name how data would be captured (cameras, faces, gait, speech online), not who it is about. */
export const CAPTURE_CATEGORIES: ReadonlySet<string> = new Set([
  'biometrics',
  'surveillance data (camera, face, gait, social-media speech)',
]);

/** The protected category that `text` names, if any. */
export function protectedCategoryOf(text: string): string | undefined {
  for (const [word, category] of CHINESE) if (text.includes(word)) return category;
  const toks = tokens(text);
  const joined = toks.join('');
  for (const [word, category] of WORDS) if (toks.includes(word)) return category;
  for (const [a, b, category] of PHRASES) {
    const i = toks.indexOf(a);
    if (i >= 0 && toks.slice(i + 1, i + 4).includes(b)) return category;
  }
  for (const { category, stems } of CATEGORIES) {
    for (const stem of stems) {
      if (toks.some((t) => t.startsWith(stem))) return category;
      if (ACROSS_SEPARATORS.has(stem) && joined.includes(stem)) return category;
    }
  }
  return undefined;
}
