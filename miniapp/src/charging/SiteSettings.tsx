import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { SiteSummary } from '@warmcity/shared/api/charging';
import { call } from '../api/client';
import { routes } from '../api/routes';
import { Button, Notice, TextRow, toast, useAction } from '../kit';
import { wholeNumberIn } from '../kit/validators';
import { priceText } from './format';

// The contract's limits (MAX_PRICE_PER_MINUTE_FEN and siteBody), repeated so zod stays out of
// the bundle; the BFF checks them again.
const MAX_PRICE_FEN = 100;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** Price, hours, grace period, longest charge and safety notes of a site, as its staff edit
 * them. The price is typed in fen per minute, the unit it is billed in, and shown back as
 * residents will read it. Changes apply to new charges only. */
export function SiteSettings({ site, onSaved }: { site: SiteSummary; onSaved: () => void }) {
  const [opens, setOpens] = useState(site.hours.opens);
  const [closes, setCloses] = useState(site.hours.closes);
  const [price, setPrice] = useState(String(site.pricePerMinuteFen));
  const [grace, setGrace] = useState(String(site.graceMinutes));
  const [max, setMax] = useState(String(site.maxMinutes));
  const [notes, setNotes] = useState(site.safetyNotes.join('\n'));
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const save = useAction(async (body: Parameters<typeof saveBody>[0]) => {
    await call(routes.charging.staffUpdateSite, { params: { id: site.id }, body: saveBody(body) });
    toast('已保存', 'success');
    onSaved();
  });

  const fen = wholeNumberIn(price, 0, MAX_PRICE_FEN);
  const submit = () => {
    const graceMinutes = wholeNumberIn(grace, 5, 60);
    const maxMinutes = wholeNumberIn(max, 30, 24 * 60);
    const lines = notes
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    const found = {
      opens: CLOCK.test(opens) ? undefined : '请按 07:00 的格式填写',
      closes: CLOCK.test(closes) ? undefined : '请按 22:00 的格式填写，全天开放填 24:00',
      price: fen === null ? `请填写 0–${MAX_PRICE_FEN} 的整数（分/分钟），0 为免费` : undefined,
      grace: graceMinutes === null ? '请填写 5–60 的整数' : undefined,
      max: maxMinutes === null ? '请填写 30–1440 的整数' : undefined,
      notes: lines.length > 10 || lines.some((line) => line.length > 100) ? '最多 10 条，每条 100 字以内' : undefined,
    };
    setErrors(found);
    if (Object.values(found).some(Boolean) || fen === null || graceMinutes === null || maxMinutes === null) return;
    void save.run({ opens, closes, fen, graceMinutes, maxMinutes, lines });
  };

  return (
    <View className="kit-card">
      <Text className="kit-card__title">站点设置</Text>
      <Text className="ch-line">修改只影响之后的预约和充电。</Text>
      <View className="kit-row">
        <TextRow id="ch-set-opens" label="开门" value={opens} onChange={setOpens} maxlength={5} error={errors.opens} />
        <TextRow
          id="ch-set-closes"
          label="关门"
          value={closes}
          onChange={setCloses}
          maxlength={5}
          error={errors.closes}
        />
      </View>
      <TextRow
        id="ch-set-price"
        label="价格（分/分钟，0 为免费）"
        type="number"
        value={price}
        onChange={setPrice}
        error={errors.price}
      />
      {fen !== null ? <Text className="ch-line">居民看到：{priceText(fen)}</Text> : null}
      <TextRow
        id="ch-set-grace"
        label="预约保留（分钟）"
        type="number"
        value={grace}
        onChange={setGrace}
        error={errors.grace}
      />
      <TextRow
        id="ch-set-max"
        label="单次最长（分钟）"
        type="number"
        value={max}
        onChange={setMax}
        error={errors.max}
      />
      <TextRow
        id="ch-set-notes"
        label="安全提示（每行一条）"
        value={notes}
        onChange={setNotes}
        maxlength={1000}
        multiline
        error={errors.notes}
      />
      {save.error ? <Notice ok={false}>{save.error}</Notice> : null}
      <Button id="ch-set-save" loading={save.busy} onClick={submit}>
        保存设置
      </Button>
    </View>
  );
}

function saveBody(form: {
  opens: string;
  closes: string;
  fen: number;
  graceMinutes: number;
  maxMinutes: number;
  lines: string[];
}) {
  return {
    hours: { opens: form.opens, closes: form.closes },
    pricePerMinuteFen: form.fen,
    graceMinutes: form.graceMinutes,
    maxMinutes: form.maxMinutes,
    safetyNotes: form.lines,
  };
}
