import { Image, Text } from '@tarojs/components';
import { useLoad } from '../kit';
import { signedFile } from '../kit/signed-file';

/** One report photo, fetched with the caller's token (see kit/signed-file.ts). */
export function Photo({ url }: { url: string }) {
  const file = useLoad(() => signedFile(url), url);
  if (file.error) return <Text className="ch-line">照片暂时无法显示</Text>;
  if (!file.data) return null;
  return <Image className="ch-photo" src={file.data} mode="aspectFill" ariaLabel="上报照片" />;
}
