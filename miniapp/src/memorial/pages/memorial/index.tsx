import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import type { MemorialView } from '@warmcity/shared/api/memorial';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import {
  Badge,
  Button,
  ListState,
  Notice,
  PageFrame,
  WithParam,
  toast,
  useAction,
  useLoad,
  usePagedList,
  useSignInGate,
} from '../../../kit';
import { dateTime } from '../../../kit/time';
import { go, lifeDates, offerings, tributeNames } from '../../labels';
import { Photo } from '../../Photo';
import '../../memorial.css';

const api = routes.memorial;

function Totals({ totals }: { totals: MemorialView['totals'] }) {
  return (
    <View className="mm-totals" id="mm-totals">
      {(['flower', 'candle', 'incense', 'message'] as const).map((kind) => (
        <View key={kind} className="mm-total">
          <Text className="mm-total__n" id={`mm-total-${kind}`}>
            {totals[kind]}
          </Text>
          <Text className="mm-total__label">{tributeNames[kind]}</Text>
        </View>
      ))}
    </View>
  );
}

function Messages({ code, version }: { code: string; version: number }) {
  const messages = usePagedList(
    (cursor) => call(api.listMessages, { params: { code }, query: { limit: 20, ...(cursor ? { cursor } : {}) } }),
    `${code}:${version}`,
  );
  return (
    <View className="kit-card" id="mm-messages">
      <Text className="kit-card__title">寄语</Text>
      <ListState
        loading={messages.loading && messages.items.length === 0}
        error={messages.error}
        empty={messages.items.length === 0}
        emptyText="还没有寄语"
        emptyHint="写下想对亲人说的话"
        onRetry={messages.reload}
      >
        {messages.items.map((message) => (
          <View key={message.id} className="mm-message">
            <Text className="mm-message__text">{message.text}</Text>
            <View className="mm-line">
              <Text className="mm-note">{dateTime(message.createdAt)}</Text>
              {message.status === 'held' ? <Badge tone="wait">待审核，仅您可见</Badge> : null}
              {message.status === 'hidden' ? <Badge tone="off">已隐藏</Badge> : null}
            </View>
          </View>
        ))}
        {messages.hasMore ? (
          <Button kind="plain" loading={messages.loadingMore} onClick={messages.loadMore}>
            查看更多
          </Button>
        ) : null}
      </ListState>
    </View>
  );
}

function Memorial({ code }: { code: string }) {
  const memorial = useLoad(() => call(api.openByCode, { params: { code } }), code);
  const [text, setText] = useState('');
  const [version, setVersion] = useState(0);
  const [held, setHeld] = useState(false);
  const gate = useSignInGate();
  const tribute = useAction(async (body: { kind: (typeof offerings)[number] } | { kind: 'message'; text: string }) => {
    const done = await call(api.payTribute, { params: { code }, body });
    if (done.message?.status === 'held') {
      setHeld(true);
    } else {
      toast(body.kind === 'message' ? '寄语已送达' : `已${tributeNames[body.kind]}`, 'success');
    }
    if (body.kind === 'message') setText('');
    setVersion((v) => v + 1);
    memorial.reload();
  });

  const m = memorial.data;
  return (
    <PageFrame title={m ? `${m.name}纪念馆` : '纪念馆'} className="memorial">
      <ListState loading={memorial.loading && !m} error={memorial.error} empty={false} onRetry={memorial.reload}>
        {m ? (
          <>
            <View className="kit-card">
              <Text className="mm-hero__title" id="mm-name">
                {m.name}
              </Text>
              <Text className="mm-note">{lifeDates(m.birthDate, m.deathDate)}</Text>
              {m.portraitUrl ? <Photo url={m.portraitUrl} label={`${m.name}遗像`} className="mm-portrait" /> : null}
              {m.biography ? (
                <Text className="mm-body" id="mm-biography">
                  {m.biography}
                </Text>
              ) : null}
              <Totals totals={m.totals} />
              {m.mine ? (
                <Button kind="secondary" id="mm-edit" onClick={() => go(`edit/index?id=${m.id}`)}>
                  编辑纪念馆
                </Button>
              ) : null}
            </View>

            {m.gallery.length > 0 ? (
              <View className="kit-card" id="mm-gallery">
                <Text className="kit-card__title">相册</Text>
                <View className="mm-gallery">
                  {m.gallery.map((url, index) => (
                    <Photo key={url} url={url} label={`相册第 ${index + 1} 张`} className="mm-gallery__img" />
                  ))}
                </View>
              </View>
            ) : null}

            <View className="kit-card" id="mm-plot">
              <Text className="kit-card__title">墓位</Text>
              <Text className="mm-body">
                {m.cemetery.name} {m.plot.area} {m.plot.row} 排 {m.plot.number} 号
              </Text>
              {m.plot.wayfinding ? <Text className="mm-note">怎么走：{m.plot.wayfinding}</Text> : null}
              <Text className="mm-note">{m.cemetery.address}</Text>
              <Button
                kind="secondary"
                id="mm-order-service"
                onClick={() => gate.guard(() => go(`order/index?memorial=${m.id}`))}
              >
                代客祭扫 · 入葬 · 报修
              </Button>
            </View>

            <View className="kit-card">
              <Text className="kit-card__title">寄托哀思</Text>
              <Text className="mm-note">文明祭扫，全部免费，不设排名。</Text>
              <View className="kit-row">
                {offerings.map((kind) => (
                  <Button
                    key={kind}
                    id={`mm-tribute-${kind}`}
                    kind="secondary"
                    disabled={tribute.busy}
                    onClick={() => gate.guard(() => void tribute.run({ kind }))}
                  >
                    {tributeNames[kind]}
                  </Button>
                ))}
              </View>
              <Textarea
                id="mm-message-text"
                className="mm-field"
                maxlength={500}
                placeholder="写下想说的话（500 字以内）"
                value={text}
                onInput={(e) => setText(e.detail.value)}
              />
              <Button
                id="mm-send-message"
                loading={tribute.busy}
                disabled={text.trim().length === 0}
                onClick={() => gate.guard(() => void tribute.run({ kind: 'message', text: text.trim() }))}
              >
                送上寄语
              </Button>
              {held ? (
                <Notice ok id="mm-held">
                  寄语正在等待陵园审核，审核前只有您能看到。
                </Notice>
              ) : null}
              {tribute.error ? <Notice ok={false}>{tribute.error}</Notice> : null}
            </View>

            <Messages code={code} version={version} />
          </>
        ) : null}
      </ListState>
      {gate.sheet}
    </PageFrame>
  );
}

export default function MemorialPage() {
  return (
    <WithParam name="code" title="纪念馆">
      {(code) => <Memorial code={code} />}
    </WithParam>
  );
}
