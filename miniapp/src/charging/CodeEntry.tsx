import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, View } from '@tarojs/components';
import { Button, FormRow } from '../kit';
import { portCodeOf } from './port-code';

// A browser has no scanner; there the printed code under the QR is typed.
const canScan = process.env.TARO_ENV !== 'h5';

/** Scan the port's QR or type the code printed under it; `onCode` gets the normalised code. */
export function CodeEntry({
  busy,
  label = '开始充电',
  initial = '',
  onCode,
}: {
  busy: boolean;
  label?: string;
  /** A code the page was opened with (the port's QR link). */
  initial?: string;
  onCode: (code: string) => void;
}) {
  const [text, setText] = useState(initial);
  const code = portCodeOf(text);

  const scan = async () => {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      const scanned = portCodeOf(result);
      setText(scanned);
      if (scanned) onCode(scanned);
    } catch {
      // Closing the scanner is not an error worth showing.
    }
  };

  return (
    <View className="kit-card ch-code">
      {canScan ? (
        <Button id="ch-scan" disabled={busy} onClick={() => void scan()}>
          扫充电口二维码
        </Button>
      ) : null}
      <FormRow label={canScan ? '或输入充电口编号' : '输入充电口编号（印在二维码下方）'}>
        <Input
          id="ch-code"
          className="kit-input"
          value={text}
          maxlength={32}
          placeholder="8 位编号，如 K7M2Q9XA"
          onInput={(e) => setText(e.detail.value)}
        />
      </FormRow>
      <Button
        id="ch-code-submit"
        kind={canScan ? 'secondary' : 'primary'}
        loading={busy}
        disabled={code.length === 0}
        onClick={() => onCode(code)}
      >
        {label}
      </Button>
    </View>
  );
}
