import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { importKinds } from '@warmcity/shared/api/insurance';
import { NetworkError, call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { Badge, Button, Notice, PageFrame, SelectRow, messageOf } from '../../../kit';
import { pickBatchFile, wholeLineChunks, type BatchFile } from '../../batch-file';
import type { ImportJob } from '../../types';
import '../../insurance.css';

const api = routes.insurance;
/** shared/src/api/insurance.ts IMPORT_CHUNK_BYTES (the contract's value; importing it would ship zod). */
const CHUNK_BYTES = 60_000;
const RETRIES = 3;

type Kind = (typeof importKinds)[number];
// Typed by the contract's list, so a kind the BFF takes cannot be missing from the page.
const kindText: Record<Kind, string> = {
  persons: '参保人员',
  contributions: '缴费记录',
  'maternity-stages': '生育津贴进度',
  filings: '异地就医备案',
  chronic: '门诊慢特病认定',
};
const kinds = Object.keys(kindText) as Kind[];
const encodingText = {
  gbk: 'GBK（Excel 中文版另存的 CSV）',
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8（带 BOM）',
} as const;

/** Taro's H5 version encodes a byte array (an ArrayBuffer comes out empty); the platforms' own
 * take an ArrayBuffer of exactly the bytes. */
const toBase64 = (bytes: Uint8Array) =>
  Taro.arrayBufferToBase64(
    process.env.TARO_ENV === 'h5'
      ? (bytes as unknown as ArrayBuffer)
      : (bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer),
  );

/** A chunk again after a network failure: the BFF counts each chunk once, so a retry is safe. */
async function send(id: string, seq: number, data: string, last: boolean): Promise<ImportJob> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call(api.sendImportChunk, { params: { id }, body: { seq, data, last } });
    } catch (error) {
      if (!(error instanceof NetworkError) || attempt >= RETRIES) throw error;
    }
  }
}

function Report({ job }: { job: ImportJob }) {
  return (
    <View className="kit-card" id="ins-import-report">
      <Text className="kit-card__title">{job.done ? '导入完成' : '正在导入…'}</Text>
      {job.encoding ? <Text className="ins-line">{`文件编码：${encodingText[job.encoding]}`}</Text> : null}
      <Text className="ins-line" id="ins-import-counts">
        {`已读 ${job.rows} 行：通过 ${job.accepted} 行（新增 ${job.upserted}，更新 ${job.modified}），有误 ${job.rejected} 行`}
      </Text>
      {job.done && job.upserted === 0 && job.modified === 0 && job.rejected === 0 ? (
        <Text className="ins-line">数据与系统中一致，没有任何改动（重复导入同一文件是安全的）。</Text>
      ) : null}
      {job.errors.length > 0 ? (
        <View className="ins-actions">
          <Badge tone="wait">{`有误的行（前 ${Math.min(job.errors.length, 50)} 条）`}</Badge>
          {job.errors.slice(0, 50).map((e) => (
            <Text key={e.line} className="ins-line">{`第 ${e.line} 行：${e.reason}`}</Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}

/** 批量导入: a CSV or JSON-lines batch from the insurance system, sent in chunks of whole lines
 * with a progress bar; the row report grows as it goes. */
export default function ImportBatch() {
  const [kind, setKind] = useState(0);
  const [file, setFile] = useState<BatchFile | null>(null);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const choose = async () => {
    setError(null);
    const picked = await pickBatchFile();
    if (picked) {
      setFile(picked);
      setJob(null);
    }
  };

  const run = async (chosen: BatchFile) => {
    setBusy(true);
    setError(null);
    try {
      const format = /\.(jsonl|ndjson)$/i.test(chosen.name) ? 'jsonl' : 'csv';
      let current = await call(api.startImport, { body: { kind: kinds[kind]!, format, totalBytes: chosen.size } });
      setJob(current);
      let seq = 0;
      let sent = 0;
      for await (const piece of wholeLineChunks(chosen, CHUNK_BYTES)) {
        sent += piece.length;
        current = await send(current.id, seq, toBase64(piece), sent >= chosen.size);
        setJob(current);
        seq += 1;
      }
    } catch (e) {
      setError(
        e instanceof Error && e.message === 'LINE_TOO_LONG' ? '文件中有一行超过 60 KB，请检查文件格式' : messageOf(e),
      );
    } finally {
      setBusy(false);
    }
  };

  const percent = job && job.totalBytes > 0 ? Math.floor((job.receivedBytes / job.totalBytes) * 100) : 0;
  return (
    <PageFrame title="批量导入" className="insurance">
      <View className="kit-card">
        <Text className="ins-line">
          上传医保系统导出的 CSV 或 JSON Lines 文件，支持 GBK 与 UTF-8
          编码。逐行校验，有误的行列在报告中，其余照常导入；同一文件重复导入不会重复写入。
        </Text>
        <SelectRow label="数据类型" options={kinds} text={(k) => kindText[k]} selected={kind} onSelect={setKind} />
        <Button kind="secondary" id="ins-import-choose" disabled={busy} onClick={() => void choose()}>
          {file ? `已选：${file.name}（${Math.ceil(file.size / 1024)} KB），重新选择` : '选择文件'}
        </Button>
        <View className="ins-actions">
          <Button id="ins-import-start" loading={busy} disabled={!file} onClick={() => file && void run(file)}>
            开始导入
          </Button>
        </View>
        {job ? (
          <View>
            <View
              className="ins-progress"
              role="progressbar"
              aria-valuenow={percent}
              aria-valuemin={0}
              aria-valuemax={100}
            >
              <View className="ins-progress__bar" style={{ width: `${percent}%` }} />
            </View>
            <Text className="ins-line" id="ins-import-percent">{`${percent}%`}</Text>
          </View>
        ) : null}
        {error ? <Notice ok={false}>{error}</Notice> : null}
      </View>
      {job ? <Report job={job} /> : null}
    </PageFrame>
  );
}
