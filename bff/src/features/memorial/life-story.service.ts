import type { UpdateQuery } from 'mongoose';
import type { z } from 'zod';
import {
  MAX_STORY_DRAFT,
  noLongNumber,
  type memorialStoriesApi,
  type StoryFacts,
  type storyDraftView,
} from '@warmcity/shared/api/memorial-stories';
import type { Body } from '../../platform/implement';
import type { Deps } from '../../platform/deps';
import { accountIdOf } from '../../platform/ids';
import { problem } from '../../platform/problem';
import { consumeRateLimit, type RateLimit } from '../../platform/rate-limit';
import type { SessionUser } from '../../platform/session';
import { ownedMemorial } from './access';
import { lifeStoryProvider, type LifeStoryPrompt } from './life-story.provider';
import { capAtSentence, chineseDate, templateStory, type StoryPerson } from './life-story.template';
import { Memorials, type Memorial, type StoryDraft } from './memorial.model';
import { memorialView } from './views';

type Api = typeof memorialStoriesApi;

// Each model call costs money; a family writes a story a few times, not dozens.
const DRAFT_LIMIT: RateLimit = { name: 'memorial-story-draft', limit: 10, windowSeconds: 3600 };

const FACT_LABELS: Record<keyof StoryFacts, string> = {
  hometown: '家乡',
  work: '一生的工作',
  family: '家庭',
  knownFor: '为人所记得的事',
  saying: '常说的一句话',
};

const SYSTEM_PROMPT =
  '你为墓园纪念馆起草逝者生平。只用家属提供的事实，不编造任何事实、数字或人名；' +
  `用朴素、庄重的中文写一段不超过 ${MAX_STORY_DRAFT} 字的生平，不用标题，不加评论。`;

/** The person's name and dates and the family's facts: nothing else about anyone reaches the
 * model (no ID number, no contact, no account). */
export function storyPrompt(person: StoryPerson, facts: StoryFacts): LifeStoryPrompt {
  const lines = [
    `姓名：${person.name}`,
    `出生：${chineseDate(person.birthDate)}`,
    `辞世：${chineseDate(person.deathDate)}`,
    ...Object.entries(FACT_LABELS).flatMap(([key, label]) => {
      const value = facts[key as keyof StoryFacts];
      return value ? [`${label}：${value}`] : [];
    }),
  ];
  return { system: SYSTEM_PROMPT, user: lines.join('\n') };
}

const draftViewOf = (draft: StoryDraft): z.infer<typeof storyDraftView> => ({
  facts: draft.facts,
  text: draft.text,
  source: draft.source,
  updatedAt: draft.updatedAt.toISOString(),
});

async function composeStory(deps: Deps, memorial: Memorial, facts: StoryFacts) {
  const provider = lifeStoryProvider(deps.config);
  if (provider) {
    try {
      const text = capAtSentence(await provider.draft(storyPrompt(memorial, facts)), MAX_STORY_DRAFT);
      // The facts hold none, so a number like this was made up; the family never sees it.
      if (!noLongNumber(text)) throw new Error('life-story provider answered a long number');
      return { text, source: 'model' as const };
    } catch (error) {
      // The family still gets a draft; the log says why it is the template's.
      deps.logger.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'life-story provider failed');
    }
  }
  return { text: capAtSentence(templateStory(memorial, facts), MAX_STORY_DRAFT), source: 'template' as const };
}

export async function getStoryDraft(deps: Deps, user: SessionUser, id: string) {
  const memorial = await ownedMemorial(deps.connection, user, id);
  return { draft: memorial.storyDraft ? draftViewOf(memorial.storyDraft) : null };
}

export async function requestStoryDraft(
  deps: Deps,
  user: SessionUser,
  id: string,
  body: Body<Api['requestStoryDraft']>,
) {
  const memorial = await ownedMemorial(deps.connection, user, id);
  await consumeRateLimit(deps.connection, DRAFT_LIMIT, user.id, deps.clock.now());
  const storyDraft: StoryDraft = {
    facts: body.facts,
    ...(await composeStory(deps, memorial, body.facts)),
    updatedAt: deps.clock.now(),
  };
  const updated = await Memorials(deps.connection)
    .findOneAndUpdate({ _id: memorial._id, ownerId: accountIdOf(user) }, { $set: { storyDraft } }, { lean: true })
    .exec();
  if (!updated) throw problem('NOT_FOUND');
  return { draft: draftViewOf(storyDraft) };
}

/** One update of the caller's memorial while a draft waits on it, or STORY_DRAFT_MISSING. */
async function updateWhileDrafted(deps: Deps, user: SessionUser, id: string, update: UpdateQuery<Memorial>) {
  const memorial = await ownedMemorial(deps.connection, user, id);
  const updated = await Memorials(deps.connection)
    .findOneAndUpdate({ _id: memorial._id, ownerId: accountIdOf(user), storyDraft: { $ne: null } }, update, {
      returnDocument: 'after',
      lean: true,
    })
    .exec();
  if (!updated) throw problem('STORY_DRAFT_MISSING');
  return updated;
}

export async function saveStoryDraft(deps: Deps, user: SessionUser, id: string, body: Body<Api['saveStoryDraft']>) {
  const saved = await updateWhileDrafted(deps, user, id, {
    $set: { 'storyDraft.text': body.text, 'storyDraft.updatedAt': deps.clock.now() },
  });
  return { draft: draftViewOf(saved.storyDraft!) };
}

/** The words the owner read and approved become the biography, and the draft goes, in one update:
 * nothing generated is public until this. */
export async function approveStoryDraft(
  deps: Deps,
  user: SessionUser,
  id: string,
  body: Body<Api['approveStoryDraft']>,
) {
  const approved = await updateWhileDrafted(deps, user, id, { $set: { biography: body.text, storyDraft: null } });
  return memorialView(deps.connection, approved, true);
}
