import { Image, Text, View } from '@tarojs/components';
import { useLoad } from '../kit';
import { signedFile } from '../kit/signed-file';

/**
 * A photo the BFF serves per caller (a family memorial's, a service order's): fetched with the
 * caller's token, since an <Image src> sends none. An outside https URL is shown as it is.
 */
export function Photo({ url, label, className = 'mm-photo' }: { url: string; label: string; className?: string }) {
  const file = useLoad(() => (/^https:/.test(url) ? Promise.resolve(url) : signedFile(url)), url);
  if (file.error) return <Text className="mm-note">照片暂时无法显示</Text>;
  if (!file.data) return null;
  // Taro's H5 <Image> cannot carry a label itself (axe: prohibited on its host, no alt inside).
  return (
    <View role="img" ariaLabel={label}>
      <Image className={className} src={file.data} mode="aspectFill" aria-hidden="true" />
    </View>
  );
}
