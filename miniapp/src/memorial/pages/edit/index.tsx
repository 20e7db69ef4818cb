import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { MemorialView } from '@warmcity/shared/api/memorial';
import type { StoryDraftView, StoryFacts } from '@warmcity/shared/api/memorial-stories';
import { MAX_BIOGRAPHY, MAX_GALLERY_PHOTOS } from '@warmcity/shared/memorial/story-limits';
import { apiClient, call } from '../../../api/client';
import { routes } from '../../../api/routes';
import {
  Button,
  ImageUpload,
  ListState,
  Notice,
  PageFrame,
  TextRow,
  WithParam,
  confirm,
  toast,
  useAction,
  useLoad,
} from '../../../kit';
import { Photo } from '../../Photo';
import '../../memorial.css';

const api = routes.memorial;

function PortraitCard({ m, onSaved }: { m: MemorialView; onSaved: () => void }) {
  const [picker, setPicker] = useState(0);
  const save = useAction(async (portrait: string | null) => {
    await call(api.editMemorial, { params: { id: m.id }, body: { portrait } });
    toast(portrait ? '遗像已更新' : '遗像已移除', 'success');
    setPicker((n) => n + 1);
    onSaved();
  });
  return (
    <View className="kit-card" id="mm-edit-portrait">
      <Text className="kit-card__title">遗像</Text>
      {m.portraitUrl ? (
        <Photo url={m.portraitUrl} label={`${m.name}遗像`} className="mm-portrait" />
      ) : (
        <Text className="mm-note">还没有遗像，选一张照片即可更换。</Text>
      )}
      <ImageUpload
        key={picker}
        token={apiClient.tokens.get()}
        max={1}
        onChange={(files) => void (files[0] && save.run(files[0].answer))}
      />
      {m.portraitUrl ? (
        <Button kind="plain" loading={save.busy} onClick={() => void save.run(null)}>
          移除遗像
        </Button>
      ) : null}
      {save.error ? <Notice ok={false}>{save.error}</Notice> : null}
    </View>
  );
}

function GalleryCard({ m, onSaved }: { m: MemorialView; onSaved: () => void }) {
  const [picker, setPicker] = useState(0);
  const [pending, setPending] = useState<string[]>([]);
  const add = useAction(async () => {
    await call(api.addGalleryPhotos, { params: { id: m.id }, body: { photos: pending } });
    toast('已加入相册', 'success');
    setPending([]);
    setPicker((n) => n + 1);
    onSaved();
  });
  const remove = useAction(async (url: string) => {
    const yes = await confirm({
      title: '删除照片',
      content: '从相册删除这张照片？',
      confirmText: '删除',
      danger: true,
    });
    if (!yes) return;
    const photoId = url.slice(url.lastIndexOf('/') + 1);
    await call(api.removeGalleryPhoto, { params: { id: m.id, photoId } });
    onSaved();
  });
  const room = MAX_GALLERY_PHOTOS - m.gallery.length;
  return (
    <View className="kit-card" id="mm-edit-gallery">
      <Text className="kit-card__title">
        相册（{m.gallery.length}/{MAX_GALLERY_PHOTOS}）
      </Text>
      <View className="mm-gallery">
        {m.gallery.map((url, index) => (
          <View key={url} className="mm-gallery__item">
            <Photo url={url} label={`相册第 ${index + 1} 张`} className="mm-gallery__img" />
            <Button kind="plain" disabled={remove.busy} onClick={() => void remove.run(url)}>
              删除
            </Button>
          </View>
        ))}
      </View>
      {room > 0 ? (
        <ImageUpload
          key={picker}
          token={apiClient.tokens.get()}
          max={room}
          onChange={(files) => setPending(files.map((file) => file.answer))}
        />
      ) : (
        <Text className="mm-note">相册已满，删除几张后可再添加。</Text>
      )}
      {pending.length > 0 ? (
        <Button id="mm-edit-gallery-add" loading={add.busy} onClick={() => void add.run()}>
          加入相册（{pending.length} 张）
        </Button>
      ) : null}
      {add.error || remove.error ? <Notice ok={false}>{add.error ?? remove.error}</Notice> : null}
    </View>
  );
}

function TextCard({ m, onSaved }: { m: MemorialView; onSaved: () => void }) {
  const [biography, setBiography] = useState(m.biography);
  const [wayfinding, setWayfinding] = useState(m.plot.wayfinding ?? '');
  const save = useAction(async () => {
    await call(api.editMemorial, {
      params: { id: m.id },
      body: { biography: biography.trim(), wayfinding: wayfinding.trim() },
    });
    toast('已保存', 'success');
    onSaved();
  });
  return (
    <View className="kit-card" id="mm-edit-text">
      <Text className="kit-card__title">生平与墓位指引</Text>
      <TextRow
        id="mm-edit-biography"
        label="生平"
        value={biography}
        onChange={setBiography}
        maxlength={MAX_BIOGRAPHY}
        multiline
      />
      <TextRow
        id="mm-edit-wayfinding"
        label="怎么走到墓前"
        value={wayfinding}
        onChange={setWayfinding}
        maxlength={200}
        placeholder="如：东门进，主道右手第三排"
        multiline
      />
      <Button id="mm-edit-save" loading={save.busy} onClick={() => void save.run()}>
        保存
      </Button>
      <Text className="mm-note">保存后立即显示在纪念馆上。</Text>
      {save.error ? <Notice ok={false}>{save.error}</Notice> : null}
    </View>
  );
}

const FACT_FIELDS: { key: keyof StoryFacts; label: string; max: number; hint: string }[] = [
  { key: 'hometown', label: '家乡', max: 40, hint: '如：平阳县昆阳镇' },
  { key: 'work', label: '一生的工作', max: 200, hint: '如：在农机站修了三十年拖拉机' },
  { key: 'family', label: '家庭', max: 200, hint: '如：育有两子一女' },
  { key: 'knownFor', label: '大家记得的事', max: 300, hint: '如：谁家农机坏了，半夜也去修' },
  { key: 'saying', label: '常说的一句话', max: 100, hint: '如：手上有活，心里不慌' },
];

const trimmedFacts = (facts: Record<keyof StoryFacts, string>): StoryFacts =>
  Object.fromEntries(Object.entries(facts).flatMap(([key, value]) => (value.trim() ? [[key, value.trim()]] : [])));

function StoryCard({ m, onApproved }: { m: MemorialView; onApproved: () => void }) {
  const saved = useLoad(() => call(api.getStoryDraft, { params: { id: m.id } }), m.id);
  return (
    <View className="kit-card" id="mm-story">
      <Text className="kit-card__title">生平草稿</Text>
      <Text className="mm-note">
        填写几件事，生成一份生平草稿。草稿只有您能看到，您修改并点「采用并发布」后才会显示在纪念馆上。
      </Text>
      <ListState loading={saved.loading && !saved.data} error={saved.error} empty={false} onRetry={saved.reload}>
        {saved.data ? <StoryForm m={m} initial={saved.data.draft} onApproved={onApproved} /> : null}
      </ListState>
    </View>
  );
}

function StoryForm({
  m,
  initial,
  onApproved,
}: {
  m: MemorialView;
  initial: StoryDraftView | null;
  onApproved: () => void;
}) {
  const [facts, setFacts] = useState<Record<keyof StoryFacts, string>>(() => ({
    hometown: initial?.facts.hometown ?? '',
    work: initial?.facts.work ?? '',
    family: initial?.facts.family ?? '',
    knownFor: initial?.facts.knownFor ?? '',
    saying: initial?.facts.saying ?? '',
  }));
  const [draft, setDraft] = useState(initial);
  const [text, setText] = useState(initial?.text ?? '');
  const generate = useAction(async () => {
    const answer = await call(api.requestStoryDraft, { params: { id: m.id }, body: { facts: trimmedFacts(facts) } });
    setDraft(answer.draft);
    setText(answer.draft.text);
  });
  const save = useAction(async () => {
    const answer = await call(api.saveStoryDraft, { params: { id: m.id }, body: { text: text.trim() } });
    setDraft(answer.draft);
    toast('草稿已保存', 'success');
  });
  const approve = useAction(async () => {
    const yes = await confirm({
      title: '采用并发布',
      content: '这段文字将替换纪念馆上的生平，能看到纪念馆的人都会看到。',
      confirmText: '发布',
    });
    if (!yes) return;
    await call(api.approveStoryDraft, { params: { id: m.id }, body: { text: text.trim() } });
    setDraft(null);
    setText('');
    toast('生平已发布', 'success');
    onApproved();
  });
  const error = generate.error ?? save.error ?? approve.error;
  return (
    <View>
      <Text className="mm-note">
        生于 {m.birthDate}，逝于 {m.deathDate}（取自纪念馆）。请勿填写身份证号、电话等信息。
      </Text>
      {FACT_FIELDS.map((field) => (
        <TextRow
          key={field.key}
          id={`mm-fact-${field.key}`}
          label={field.label}
          value={facts[field.key]}
          onChange={(value) => setFacts((f) => ({ ...f, [field.key]: value }))}
          maxlength={field.max}
          placeholder={field.hint}
        />
      ))}
      <Button
        id="mm-story-generate"
        kind={draft ? 'secondary' : 'primary'}
        loading={generate.busy}
        onClick={() => void generate.run()}
      >
        {draft ? '重新生成草稿' : '生成草稿'}
      </Button>
      {draft ? (
        <View className="mm-draft" id="mm-story-draft">
          <Text className="mm-note" id="mm-story-source">
            {draft.source === 'model' ? '由智能助手起草，请逐字核对。' : '按您填写的内容整理，请修改润色。'}
          </Text>
          <TextRow
            id="mm-story-text"
            label="草稿（仅您可见）"
            value={text}
            onChange={setText}
            maxlength={MAX_BIOGRAPHY}
            multiline
          />
          <View className="kit-row">
            <Button kind="secondary" loading={save.busy} disabled={!text.trim()} onClick={() => void save.run()}>
              保存草稿
            </Button>
            <Button
              id="mm-story-approve"
              loading={approve.busy}
              disabled={!text.trim()}
              onClick={() => void approve.run()}
            >
              采用并发布
            </Button>
          </View>
        </View>
      ) : null}
      {error ? <Notice ok={false}>{error}</Notice> : null}
    </View>
  );
}

/** 编辑纪念馆: the owner's page for the portrait, gallery, biography and the 生平 draft. */
function Edit({ id }: { id: string }) {
  const memorial = useLoad(() => call(api.getMemorial, { params: { id } }), id);
  const m = memorial.data;
  return (
    <PageFrame title="编辑纪念馆" className="memorial">
      <ListState loading={memorial.loading && !m} error={memorial.error} empty={false} onRetry={memorial.reload}>
        {m && !m.mine ? <Notice ok={false}>只有建馆的亲属可以编辑这个纪念馆。</Notice> : null}
        {m?.mine ? (
          <>
            <Text className="mm-hero__title">{m.name}</Text>
            <PortraitCard m={m} onSaved={memorial.reload} />
            <GalleryCard m={m} onSaved={memorial.reload} />
            <TextCard key={`${m.biography}|${m.plot.wayfinding ?? ''}`} m={m} onSaved={memorial.reload} />
            <StoryCard m={m} onApproved={memorial.reload} />
          </>
        ) : null}
      </ListState>
    </PageFrame>
  );
}

export default function EditMemorial() {
  return (
    <WithParam name="id" title="编辑纪念馆">
      {(id) => <Edit id={id} />}
    </WithParam>
  );
}
