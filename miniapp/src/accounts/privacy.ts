import Taro from '@tarojs/taro';
import { toast } from '../kit/feedback';

export const actionNames: Record<string, string> = {
  'identity.bind': '实名认证',
  'personal-data.read': '查看个人数据',
  'personal-data.export': '导出个人数据',
  'staff-scope.grant': '授予工作权限',
  'staff-scope.revoke': '收回工作权限',
  'role.grant-admin': '授予管理员',
};

/** H5 downloads the JSON file; mini-programs cannot hand a file to the user, so it goes to the
 * clipboard for pasting into a chat or note. */
export async function saveExport(json: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    link.download = 'warmcity-my-data.json';
    link.click();
    URL.revokeObjectURL(link.href);
    toast('已下载 warmcity-my-data.json', 'success');
    return;
  }
  await Taro.setClipboardData({ data: json });
  await Taro.showToast({ title: '已复制到剪贴板', icon: 'success' });
}
