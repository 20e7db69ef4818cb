/**
 * Chinese names have no spaces for `$text` to split on, so a name is stored with its character
 * unigrams and bigrams (multikey-indexed) and a query must hold all of its own: a one-character
 * query matches on its unigram, a longer one on its bigrams, and the name itself then confirms
 * the substring.
 */
const characters = (text: string) => Array.from(text.normalize('NFKC').toLowerCase().replace(/\s+/g, ''));

const bigrams = (chars: readonly string[]) => chars.slice(1).map((char, index) => `${chars[index]}${char}`);

export function nameGrams(name: string): string[] {
  const chars = characters(name);
  return [...new Set([...chars, ...bigrams(chars)])];
}

export function queryGrams(query: string): string[] {
  const chars = characters(query);
  return chars.length === 1 ? chars : [...new Set(bigrams(chars))];
}

/** The query as a literal pattern, for the confirming substring match. */
export const literalPattern = (query: string) => query.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
