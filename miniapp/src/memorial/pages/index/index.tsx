import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button, LinkRow, Notice, PageFrame } from '../../../kit';
import { go, memorialCodeOf } from '../../labels';
import '../../memorial.css';

// Mini-programs scan the grave's QR with the camera; a browser has none, so the code is typed.
const canScan = process.env.TARO_ENV !== 'h5';

/** 云祭扫: open a memorial by the code on the grave, and every other way in. */
export default function MemorialHome() {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);

  const open = (text: string) => {
    const found = memorialCodeOf(text);
    if (!found) {
      setError('纪念馆码是墓碑二维码下方的 10 位字母数字，请核对');
      return;
    }
    setError(null);
    go(`memorial/index?code=${found}`);
  };

  const scan = async () => {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      open(result);
    } catch {
      // Closing the scanner is not an error worth showing.
    }
  };

  return (
    <PageFrame title="云祭扫" className="memorial">
      <Text className="mm-hero__title">云祭扫</Text>
      <Text className="mm-note">扫墓碑上的二维码，或输入二维码下方的纪念馆码，即可献花、留言寄托哀思。全部免费。</Text>

      <View className="kit-card">
        <Text className="kit-card__title">打开纪念馆</Text>
        {canScan ? (
          <Button id="mm-scan" onClick={() => void scan()}>
            扫墓碑二维码
          </Button>
        ) : null}
        <Input
          id="mm-code"
          className="mm-field"
          maxlength={10}
          placeholder="输入 10 位纪念馆码"
          value={code}
          onInput={(e) => setCode(e.detail.value.trim().toLowerCase())}
        />
        <Button id="mm-open" kind={canScan ? 'secondary' : 'primary'} onClick={() => open(code)}>
          打开纪念馆
        </Button>
        {error ? <Notice ok={false}>{error}</Notice> : null}
      </View>

      <View className="kit-group">
        <LinkRow id="mm-to-mine" title="我的纪念馆" desc="我创建或受邀的亲人纪念馆" onClick={() => go('mine/index')} />
        <LinkRow id="mm-to-martyrs" title="英烈纪念" desc="缅怀先烈，网上祭英烈" onClick={() => go('martyrs/index')} />
        <LinkRow id="mm-to-visit" title="清明现场祭扫预约" desc="高峰日分时段入园" onClick={() => go('visit/index')} />
        <LinkRow id="mm-to-visits" title="我的祭扫预约" desc="入园码与取消" onClick={() => go('visits/index')} />
        <LinkRow
          id="mm-to-report"
          title="在线报丧"
          desc="告知陵园代办员，协助办理后事"
          onClick={() => go('report/index')}
        />
        <LinkRow id="mm-to-notices" title="我的报丧" desc="查看代办员的办理进度" onClick={() => go('notices/index')} />
        <LinkRow id="mm-to-graves" title="墓位查询" desc="凭墓位证或姓名查墓位" onClick={() => go('graves/index')} />
        <LinkRow
          id="mm-to-apply"
          title="为亲人申请纪念馆"
          desc="需陵园核对墓位证后开放"
          onClick={() => go('apply/index')}
        />
      </View>
    </PageFrame>
  );
}
