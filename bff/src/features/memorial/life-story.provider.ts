import { z } from 'zod';
import type { Config } from '../../config';

export interface LifeStoryPrompt {
  /** How to write. */
  system: string;
  /** The facts, and nothing else about anyone. */
  user: string;
}

/** Writes a life-story draft; throws when it cannot (the caller falls back to the template). */
export interface LifeStoryProvider {
  draft(prompt: LifeStoryPrompt): Promise<string>;
}

// Chinese runs about one token a character; this leaves room over the draft length cap.
const MAX_TOKENS = 1000;

const completion = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
});

/** An OpenAI-compatible chat-completions endpoint (most domestic model services offer one), or
 * null when none is configured. */
export function lifeStoryProvider(config: Config): LifeStoryProvider | null {
  const { LIFE_STORY_API_URL: base, LIFE_STORY_API_KEY: key, LIFE_STORY_MODEL: model } = config;
  if (!base || !key || !model) return null;
  const url = `${base.replace(/\/+$/, '')}/chat/completions`;
  return {
    async draft(prompt) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({
          model,
          max_tokens: MAX_TOKENS,
          messages: [
            { role: 'system', content: prompt.system },
            { role: 'user', content: prompt.user },
          ],
        }),
        signal: AbortSignal.timeout(config.LIFE_STORY_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`life-story provider answered ${response.status}`);
      const text = completion.parse(await response.json()).choices[0]!.message.content.trim();
      if (!text) throw new Error('life-story provider answered an empty draft');
      return text;
    },
  };
}
