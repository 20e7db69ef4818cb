/** The four services, named as everywhere else in the repository. */
export interface Feature {
  key: 'parent-school' | 'charging' | 'memorial' | 'insurance';
  name: string;
  glyph: string;
  summary: string;
  tone: 'sun' | 'leaf' | 'sky' | 'rose';
  /** Open to residents now; the others show 即将上线 on the home tile. */
  live: boolean;
}

export const features: readonly Feature[] = [
  { key: 'parent-school', name: '家长学校', glyph: '学', summary: '微课与讲座，预约就座', tone: 'sun', live: true },
  { key: 'charging', name: '电动车充电', glyph: '充', summary: '查空闲充电口，预约即充', tone: 'leaf', live: false },
  { key: 'memorial', name: '云祭扫', glyph: '思', summary: '献花寄语，清明预约入园', tone: 'sky', live: true },
  { key: 'insurance', name: '医保查询', glyph: '保', summary: '参保、缴费与生育津贴', tone: 'rose', live: true },
];

export const featureUrl = (key: Feature['key']) => `/${key}/pages/index/index`;

export function featureByKey(key: Feature['key']): Feature {
  const feature = features.find((f) => f.key === key);
  if (!feature) throw new Error(`unknown feature ${key}`);
  return feature;
}
