import type { StoryFacts } from '@warmcity/shared/api/memorial-stories';

export interface StoryPerson {
  name: string;
  birthDate: string;
  deathDate: string;
}

const SENTENCE_END = /[。！？!?…]$/;
const sentence = (text: string) => (SENTENCE_END.test(text) ? text : `${text.replace(/[，,；;：:、\s]+$/, '')}。`);

export const chineseDate = (iso: string) => {
  const [year, month, day] = iso.split('-').map(Number);
  return `${year}年${month}月${day}日`;
};

function ageAtDeath({ birthDate, deathDate }: StoryPerson): number {
  const years = Number(deathDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return deathDate.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** A plain draft from the facts alone, for when no model is configured or it did not answer:
 * one sentence a fact, in the family's own words. */
export function templateStory(person: StoryPerson, facts: StoryFacts): string {
  const origin = facts.hometown ? `${facts.hometown.replace(/[人。]+$/, '')}人，` : '';
  const lines = [
    `${person.name}，${origin}${chineseDate(person.birthDate)}生，${chineseDate(person.deathDate)}辞世，享年${ageAtDeath(person)}岁。`,
    facts.work && sentence(`这一生，${facts.work}`),
    facts.family && sentence(`家中，${facts.family}`),
    facts.knownFor && sentence(`熟悉的人都记得：${facts.knownFor}`),
    facts.saying && `生前常说：“${facts.saying.replace(/^[“"]|[”"]$/g, '')}”。`,
    '家人永远怀念。',
  ];
  return lines.filter(Boolean).join('');
}

/** At most `max` characters, cut after the last sentence end that fits (mid-sentence only when
 * no sentence ends in time). */
export function capAtSentence(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const end = Math.max(...[...'。！？!?…'].map((mark) => head.lastIndexOf(mark)));
  return end > 0 ? head.slice(0, end + 1) : head;
}
