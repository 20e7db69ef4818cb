import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, View } from '@tarojs/components';
import { apiBaseUrl } from '../api/client';
import { ApiError, NetworkError, problemMessage } from '../api/errors';
import { routes } from '../api/routes';
import { messageOf } from './errors';
import { toast } from './feedback';

export interface Uploaded {
  /** What the upload endpoint answered: the upload's id, for the form to send on. */
  answer: string;
  localPath: string;
}

/** `uploadFile` hands back the body as text; a refusal is a problem document like any call's. */
function uploadedId(status: number, data: string): string {
  let answer: { id?: unknown; code?: unknown } = {};
  try {
    answer = JSON.parse(data) as typeof answer;
  } catch {
    // Not JSON (a proxy's error page): reported as a generic failure below.
  }
  if (status === 201 && typeof answer.id === 'string') return answer.id;
  const code = typeof answer.code === 'string' ? answer.code : 'INTERNAL';
  throw new ApiError(code, status, problemMessage(code));
}

/**
 * Pick photos and upload each with a progress bar (a proof photo, a memorial picture) to the
 * platform's upload endpoint (bff/src/platform/uploads); the access token goes in the header
 * like every call.
 */
export function ImageUpload({
  url = `${apiBaseUrl}${routes.uploads.create.path}`,
  token,
  max = 3,
  onChange,
}: {
  url?: string;
  token: string | null;
  max?: number;
  onChange: (files: Uploaded[]) => void;
}) {
  const [done, setDone] = useState<Uploaded[]>([]);
  const [progress, setProgress] = useState<{ path: string; percent: number } | null>(null);

  const pick = async () => {
    const chosen = await Taro.chooseImage({ count: 1, sizeType: ['compressed'] }).catch(() => null);
    const path = chosen?.tempFilePaths[0];
    if (!path) return;
    setProgress({ path, percent: 0 });
    try {
      const answer = await new Promise<string>((resolve, reject) => {
        const task = Taro.uploadFile({
          url,
          filePath: path,
          name: 'file',
          header: token ? { Authorization: `Bearer ${token}` } : {},
          success: (res) => {
            try {
              resolve(uploadedId(res.statusCode, res.data));
            } catch (error) {
              reject(error);
            }
          },
          fail: (error) => reject(new NetworkError(error)),
        });
        task.onProgressUpdate((p) => setProgress({ path, percent: p.progress }));
      });
      const next = [...done, { answer, localPath: path }];
      setDone(next);
      onChange(next);
    } catch (e) {
      toast(`上传失败：${messageOf(e)}`);
    } finally {
      setProgress(null);
    }
  };

  return (
    <View className="kit-upload">
      {done.map((file, index) => (
        // Taro's H5 <Image> cannot carry a label itself, so its box does (axe: image-alt).
        <View key={file.localPath} className="kit-upload__item" role="img" ariaLabel={`已上传照片 ${index + 1}`}>
          <Image className="kit-upload__img" src={file.localPath} mode="aspectFill" aria-hidden="true" />
        </View>
      ))}
      {progress ? (
        <View className="kit-upload__item" aria-busy="true" aria-label={`正在上传 ${progress.percent}%`}>
          <Image className="kit-upload__img" src={progress.path} mode="aspectFill" aria-hidden="true" />
          <View className="kit-upload__bar" style={{ width: `${progress.percent}%` }} />
        </View>
      ) : done.length < max ? (
        <View className="kit-upload__add" role="button" onClick={() => void pick()}>
          + 添加照片
        </View>
      ) : null}
    </View>
  );
}
