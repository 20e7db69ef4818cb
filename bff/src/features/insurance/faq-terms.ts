// Han runs and Latin/digit runs; everything else (spaces, punctuation, 的/？) separates.
const SEGMENT = /\p{Script=Han}+|[\p{L}\p{N}]+/gu;
// A whole run longer than this is a sentence, not a term anyone types.
const MAX_WHOLE = 8;

/**
 * Search keys for Chinese without a segmenter: every character bigram of each Han run, the run
 * itself when short (so "备案" typed alone matches the keyword 备案 exactly, and a phrase such as
 * "生育津贴" outranks its scattered bigrams), and a single character only when it stands alone.
 * The same function keys the stored FAQ and the query, so they meet in the `terms` index.
 */
export function termsOf(text: string): string[] {
  const terms = new Set<string>();
  for (const [segment] of text.normalize('NFKC').toLowerCase().matchAll(SEGMENT)) {
    const chars = Array.from(segment);
    if (chars.length <= MAX_WHOLE) terms.add(`w:${segment}`);
    if (!/\p{Script=Han}/u.test(segment)) continue;
    for (let i = 0; i + 1 < chars.length; i++) terms.add(`b:${chars[i]}${chars[i + 1]}`);
  }
  return [...terms];
}
