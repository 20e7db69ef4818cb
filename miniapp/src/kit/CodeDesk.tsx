import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, View } from '@tarojs/components';
import { ApiError } from '../api/errors';
import { Button, Notice } from './Button';
import { messageOf } from './errors';

// H5 has no camera scanner; the typed code is the way in there.
const canScan = process.env.TARO_ENV !== 'h5';

/**
 * A gate desk: staff type a short code (or scan a QR on weapp/alipay) and see, large, whether the
 * visitor may go in. Parent-school's sign-in desk and the cemetery's entry check use it; each says
 * what a check does (`onCheck` answers the success line, or throws the API's refusal).
 */
export function CodeDesk({
  idPrefix,
  length,
  digits,
  placeholder,
  submitText,
  scanText,
  notFoundText,
  normalise,
  onCheck,
}: {
  /** `${idPrefix}-code`, `-submit` and `-result` name the parts for tests and assistive tech. */
  idPrefix: string;
  length: number;
  /** A code of digits only brings up the number pad. */
  digits: boolean;
  placeholder: string;
  submitText: string;
  scanText: string;
  /** A mistyped code is the gate's everyday mistake; "not found" would read as a broken page. */
  notFoundText: string;
  normalise: (typed: string) => string;
  onCheck: (input: { code: string } | { scanned: string }) => Promise<string>;
}) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  const check = async (input: { code: string } | { scanned: string }) => {
    setBusy(true);
    setResult(null);
    try {
      setResult({ ok: true, text: await onCheck(input) });
      setCode('');
    } catch (e) {
      setResult({ ok: false, text: e instanceof ApiError && e.code === 'NOT_FOUND' ? notFoundText : messageOf(e) });
    } finally {
      setBusy(false);
    }
  };
  const scan = async () => {
    try {
      const { result: scanned } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode', 'barCode'] });
      await check({ scanned: scanned.trim() });
    } catch {
      // Closing the scanner is not an error worth showing.
    }
  };

  return (
    <View className="kit-card">
      <Input
        id={`${idPrefix}-code`}
        className="kit-input kit-code"
        type={digits ? 'number' : 'text'}
        maxlength={length}
        placeholder={placeholder}
        value={code}
        onInput={(e) => setCode(normalise(e.detail.value))}
      />
      <Button
        id={`${idPrefix}-submit`}
        loading={busy}
        disabled={code.length !== length}
        onClick={() => void check({ code })}
      >
        {submitText}
      </Button>
      {canScan ? (
        <Button kind="secondary" disabled={busy} onClick={() => void scan()}>
          {scanText}
        </Button>
      ) : null}
      {result ? (
        <Notice ok={result.ok} id={`${idPrefix}-result`} className="kit-code-result">
          {result.text}
        </Notice>
      ) : null}
    </View>
  );
}
