import type { Deps } from '../../platform/deps';
import { Faqs } from './faq.model';
import { termsOf } from './faq-terms';

/**
 * Ranks by the summed inverse document frequency of the query's keys each FAQ holds, so a rare
 * key (备案, 津贴) counts for more than a common one (怎么, 办理). Every FAQ holding any of the keys
 * is a candidate, found through the multikey `terms` index; because each key's holders are all
 * among the candidates, its document frequency is counted exactly from them.
 */
export async function searchFaq(deps: Deps, q: string, limit: number) {
  const query = termsOf(q);
  if (query.length === 0) return { items: [] };
  const faqs = Faqs(deps.connection);
  const [candidates, total] = await Promise.all([
    faqs.find({ terms: { $in: query } }).lean(),
    faqs.estimatedDocumentCount(),
  ]);
  const frequency = new Map(query.map((term) => [term, 0]));
  for (const faq of candidates)
    for (const term of faq.terms) if (frequency.has(term)) frequency.set(term, frequency.get(term)! + 1);
  const idf = (term: string) => Math.log(1 + total / Math.max(1, frequency.get(term)!));
  const scored = candidates.map((faq) => {
    const held = new Set(faq.terms);
    // A short question matching the same keys is more about them than a long one.
    const score =
      query.filter((term) => held.has(term)).reduce((sum, term) => sum + idf(term), 0) /
      Math.sqrt(1 + faq.terms.length / 20);
    return { faq, score };
  });
  scored.sort((a, b) => b.score - a.score || a.faq.slug.localeCompare(b.faq.slug));
  return {
    items: scored.slice(0, limit).map(({ faq, score }) => ({
      id: faq._id.toHexString(),
      question: faq.question,
      answer: faq.answer,
      category: faq.category,
      score: Math.round(score * 1000) / 1000,
    })),
  };
}
