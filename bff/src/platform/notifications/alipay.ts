import { z } from 'zod';
import type { Config } from '../../config';
import { gatewayParams, verifiedAnswer } from '../alipay-gateway';
import type { Clock } from '../deps';
import { post, type PushSender } from './outcome';

type AlipayConfig = Pick<Config, 'ALIPAY_GATEWAY' | 'ALIPAY_APP_ID' | 'ALIPAY_APP_PRIVATE_KEY' | 'ALIPAY_PUBLIC_KEY'>;

const METHOD = 'alipay.open.app.mini.templatemessage.send';
const RESPONSE_KEY = 'alipay_open_app_mini_templatemessage_send_response';
const answerSchema = z.object({ code: z.string(), sub_code: z.string().optional() });

/** `alipay.open.app.mini.templatemessage.send` to the user id the resident signed in with. */
export function createAlipaySender(
  config: AlipayConfig,
  clock: Clock,
  { timeoutMs = 5_000 }: { timeoutMs?: number } = {},
): PushSender {
  return {
    async send(message) {
      const params = gatewayParams(
        { appId: config.ALIPAY_APP_ID ?? '', privateKey: config.ALIPAY_APP_PRIVATE_KEY ?? '' },
        METHOD,
        clock.now(),
        {
          biz_content: JSON.stringify({
            to_user_id: message.to,
            user_template_id: message.templateId,
            page: message.page ?? '',
            data: JSON.stringify(message.data),
          }),
        },
      );
      const answer = await post(
        config.ALIPAY_GATEWAY,
        {
          headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
          body: new URLSearchParams(params).toString(),
        },
        timeoutMs,
      );
      if (!answer.ok) return answer.outcome;
      const verified = verifiedAnswer(answer.text, RESPONSE_KEY, config.ALIPAY_PUBLIC_KEY ?? '');
      if (!verified) return { result: 'retry', reason: 'alipay answer failed signature verification' };
      const parsed = answerSchema.safeParse(JSON.parse(verified.text));
      if (!parsed.success) return { result: 'retry', reason: 'alipay answer in an unknown shape' };
      const { code, sub_code: subCode = '' } = parsed.data;
      if (code === '10000') return { result: 'sent' };
      // 20000 is Alipay's "service unavailable" (busy, rate-limited); 40004 a business refusal.
      if (code === '20000') return { result: 'retry', reason: `alipay ${code} ${subCode}` };
      return { result: 'refused', reason: `alipay ${code} ${subCode}` };
    },
  };
}
