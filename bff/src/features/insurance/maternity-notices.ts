import type { Types } from 'mongoose';
import type { maternityStages } from '@warmcity/shared/api/insurance';
import { systemClock } from '../../platform/deps';
import { notifyAll, type Notice } from '../../platform/notifications/notify';
import { accountsBoundTo } from '../../platform/personal-data/bound-identity';
import type { ImportRow } from './import-rows';
import type { Store } from './tasks';

type Stage = (typeof maternityStages)[number];

/** A stage older than this is history being loaded (a first import), not news to push. */
const NEWS_MS = 30 * 86_400_000;

const yuan = (fen: number) => `${(fen / 100).toFixed(2)} 元`;

const stageNames: Record<Stage, string> = {
  registered: '生育登记',
  discharged: '出院结算',
  pushed: '数据推送',
  reviewed: '审核',
  paid: '拨付',
};

function bodyOf(row: ImportRow<'maternity-stages'>): string {
  switch (row.stage) {
    case 'registered':
      return '您的生育登记已办理。出院结算后生育津贴将自动核发，无需另行申请。';
    case 'discharged':
      return '出院结算已完成，结算数据将推送至医保中心审核。';
    case 'pushed':
      return '结算数据已推送至医保中心，正在等待审核。';
    case 'reviewed':
      return row.amountFen === null
        ? '生育津贴审核已通过，即将拨付。'
        : `生育津贴审核已通过，金额 ${yuan(row.amountFen)}，即将拨付。`;
    case 'paid':
      return `生育津贴${row.amountFen === null ? '' : ` ${yuan(row.amountFen)}`}已拨付至${row.paidToKind === 'personal' ? '本人' : '用人单位'}账户${row.paidToMaskedAccount ? ` ${row.paidToMaskedAccount}` : ''}。`;
  }
}

export interface StageRow {
  readonly row: ImportRow<'maternity-stages'>;
  readonly personId: Types.ObjectId;
  readonly lookupKey: string;
}

/**
 * Tells each person whose case an import moved to a stage, in their inbox and by push. Called
 * after the batch is written, for every row of it whether the write changed anything or not:
 * the dedupe key (one per case and stage) makes a re-run silent, and makes a re-run after a crash
 * between the write and this call tell the people it had not told yet.
 */
export async function tellMaternityStages(store: Store, rows: readonly StageRow[]): Promise<void> {
  const clock = store.clock ?? systemClock;
  const now = clock.now().getTime();
  const news = rows.filter(({ row }) => now - Date.parse(row.at) <= NEWS_MS);
  if (news.length === 0) return;
  const accounts = await accountsBoundTo(
    store.connection,
    news.map((r) => r.lookupKey),
  );
  const notices: Notice[] = news.flatMap(({ row, personId, lookupKey }) => {
    const userId = accounts.get(lookupKey);
    if (!userId) return [];
    return [
      {
        userId,
        kind: 'maternity_stage' as const,
        message: {
          title: `生育津贴进度：${stageNames[row.stage]}`,
          body: bodyOf(row),
          link: '/insurance/pages/maternity/index',
          values: { stage: stageNames[row.stage] },
        },
        dedupeKey: `ins:maternity:${personId.toHexString()}:${row.caseNo}:${row.stage}`,
      },
    ];
  });
  await notifyAll({ connection: store.connection, clock }, notices);
}
