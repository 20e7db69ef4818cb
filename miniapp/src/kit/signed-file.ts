import Taro from '@tarojs/taro';
import { apiBaseUrl, apiClient } from '../api/client';

/**
 * A file the BFF serves only to a signed-in caller (a report's photo, a port's printable QR), as
 * something an <Image> or the platform's viewer can open: an <img src> sends no bearer token,
 * so the bytes are fetched with it and handed over as a blob URL (H5) or a temp file.
 */
export async function signedFile(path: string): Promise<string> {
  const token = apiClient.tokens.get();
  const header: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  if (process.env.TARO_ENV === 'h5') {
    const response = await fetch(path, { headers: header });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return URL.createObjectURL(await response.blob());
  }
  const done = await Taro.downloadFile({ url: /^https?:/.test(path) ? path : apiBaseUrl + path, header });
  if (done.statusCode !== 200) throw new Error(`HTTP ${done.statusCode}`);
  return done.tempFilePath;
}

/** Opens a printable file (PDF, PNG) where it can be printed or shared onwards. */
export async function openSignedFile(path: string, kind: 'pdf' | 'png'): Promise<void> {
  const local = await signedFile(path);
  if (process.env.TARO_ENV === 'h5') {
    window.open(local, '_blank');
    return;
  }
  if (kind === 'png') await Taro.previewImage({ urls: [local] });
  else await Taro.openDocument({ filePath: local, fileType: 'pdf', showMenu: true });
}
