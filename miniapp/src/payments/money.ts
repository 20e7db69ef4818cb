/** Fen as the resident reads it: ¥12.30. Integer arithmetic only, so no float rounding shows. */
export const yuan = (fen: number) => `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

export const statusNames: Record<string, string> = {
  created: '待支付',
  paying: '支付中',
  paid: '已支付',
  refunding: '退款中',
  refunded: '已退款',
  closed: '已关闭',
};
