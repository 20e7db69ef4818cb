import { readFileSync } from 'node:fs';
import AhoCorasick from 'modern-ahocorasick';

/**
 * The sensitive-word check for guest-book messages. The list is a file named by config (one word
 * a line, `#` comments), compiled once into an Aho–Corasick automaton. Text is compared after
 * NFKC folding, lower-casing and dropping spaces and punctuation, so "坏 词" or full-width
 * letters do not slip past.
 */
const normalise = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');

const matchers = new Map<string, AhoCorasick>();

function matcherFor(path: string): AhoCorasick {
  let matcher = matchers.get(path);
  if (!matcher) {
    const words = readFileSync(path, 'utf8')
      .split('\n')
      .map((line) => normalise(line.replace(/#.*/, '')))
      .filter(Boolean);
    matcher = new AhoCorasick([...new Set(words)]);
    matchers.set(path, matcher);
  }
  return matcher;
}

/** Whether a message must wait for staff before anyone but its author sees it. */
export const isSuspicious = (wordListPath: string, text: string) => matcherFor(wordListPath).match(normalise(text));
