import Taro from '@tarojs/taro';
import type { ServiceOrderState } from '@warmcity/shared/api/memorial-orders';

/** 献花 / 点烛 / 上香 / 留言, in the order the memorial page offers them. */
export const tributeNames = { flower: '献花', candle: '点烛', incense: '上香', message: '留言' } as const;
export const offerings = ['flower', 'candle', 'incense'] as const;

export const visibilityNames = {
  public: '公开（可被搜索）',
  link: '凭二维码可见',
  family: '仅受邀亲属可见',
} as const;

export const memorialStatusNames = { pending: '待陵园审核', approved: '已开放', rejected: '未通过审核' } as const;

export const go = (url: string) => void Taro.navigateTo({ url: `/memorial/pages/${url}` });

/** What a grave's QR code or a typed code reads as: the ten-character code, also inside a URL. */
export function memorialCodeOf(text: string): string | null {
  const match = /(?:^|[^2-9a-z])([2-9a-hjkmnp-z]{10})(?:$|[^2-9a-z])/.exec(text.trim().toLowerCase());
  return match ? match[1]! : null;
}

/** `1931.03.02 – 2019.11.20` */
export const lifeDates = (birth: string, death: string) =>
  `${birth.replaceAll('-', '.')} – ${death.replaceAll('-', '.')}`;

export const orderStateNames: Record<ServiceOrderState, string> = {
  awaiting_payment: '待支付',
  submitted: '已提交',
  accepted: '已受理',
  in_progress: '服务中',
  done: '已完成',
  cancelled: '已取消',
};

/** Integer fen as the price a resident reads: `¥88.00`, or 免费. */
export const yuan = (fen: number) => (fen === 0 ? '免费' : `¥${(fen / 100).toFixed(2)}`);
