/**
 * Protected categories that no record type, domain or list may name, and surveillance sources that no
 * record type may ingest. Matching works on tokens (split on separators and camelCase, with common
 * letter-for-digit spellings undone) so that `Religious_Activity`, `rel1gion` and `sexualOrientation`
 * are caught while `surface` or `transport` are not.
 */
const CATEGORIES: ReadonlyArray<{ readonly category: string; readonly stems: readonly string[] }> = [
  {
    category: 'political opinion',
    stems: ['polit', 'petition', 'dissent', 'protest', 'partymember', 'falun'],
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
    stems: ['camera', 'cctv', 'surveil', 'socialmedia', 'weibo', 'wechat', 'speech', 'onlinepost', 'repost'],
  },
];

const CHINESE: ReadonlyArray<readonly [string, string]> = [
  ['政治', 'political opinion'],
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
  ['工会', 'trade-union membership'],
  ['摄像', 'surveillance data (camera, face, gait, social-media speech)'],
  ['言论', 'surveillance data (camera, face, gait, social-media speech)'],
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

/** The protected category that `text` names, if any. */
export function protectedCategoryOf(text: string): string | undefined {
  for (const [word, category] of CHINESE) if (text.includes(word)) return category;
  const toks = tokens(text);
  const joined = toks.join('');
  for (const { category, stems } of CATEGORIES) {
    for (const stem of stems) {
      if (toks.some((t) => t.startsWith(stem))) return category;
      if (ACROSS_SEPARATORS.has(stem) && joined.includes(stem)) return category;
    }
  }
  return undefined;
}
