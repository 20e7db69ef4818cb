import Taro from '@tarojs/taro';

/** A short note that goes away by itself; `success` shows the tick, everything else text only.
 * WeChat cuts an icon toast at 7 characters, so longer notes go without the tick. */
export function toast(title: string, kind: 'success' | 'info' = 'info'): void {
  const icon = kind === 'success' && title.length <= 7 ? 'success' : 'none';
  void Taro.showToast({ title, icon, duration: 2000 });
}

export interface ConfirmOptions {
  title: string;
  content: string;
  confirmText: string;
  cancelText?: string;
  /** Destructive: the confirm button is red. */
  danger?: boolean;
}

/** The platform's own dialog: true when the person chose `confirmText`. */
export async function confirm({ title, content, confirmText, cancelText = '再想想', danger }: ConfirmOptions) {
  const answer = await Taro.showModal({
    title,
    content,
    confirmText,
    cancelText,
    confirmColor: danger ? '#B42318' : '#B5471B',
    cancelColor: '#4A3D35',
  });
  return answer.confirm;
}
