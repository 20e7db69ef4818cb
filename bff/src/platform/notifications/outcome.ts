/** What one push attempt came to; the worker turns it into the notification's next state. */
export type SendOutcome =
  | { result: 'sent' }
  /** The platform will never accept this one (refused by the user, no quota, bad template). */
  | { result: 'refused'; reason: string }
  /** Worth trying again later (timeout, 5xx, rate limit, busy). */
  | { result: 'retry'; reason: string };

export interface PushMessage {
  /** The platform's id of the user (WeChat openid, Alipay user id). */
  to: string;
  templateId: string;
  page: string | null;
  data: Record<string, { value: string }>;
}

export interface PushSender {
  send(message: PushMessage): Promise<SendOutcome>;
}

/** A platform call that answers within the timeout, or a retry; never a hung worker. */
export async function post(
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<{ ok: true; text: string } | { ok: false; outcome: SendOutcome }> {
  try {
    const response = await fetch(url, { ...init, method: 'POST', signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return { ok: false, outcome: { result: 'retry', reason: `http ${response.status}` } };
    return { ok: true, text: await response.text() };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return { ok: false, outcome: { result: 'retry', reason: timedOut ? 'timeout' : 'network' } };
  }
}
