import Taro from '@tarojs/taro';
import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { ApiError } from '../api/errors';
import { Button, ErrorState, Skeleton, SignInPrompt, useLoad } from '../kit';
import { useSession } from '../session/useSession';

const IDENTITY_PAGE = '/accounts/pages/identity/index';

/** 医保 data is read only after 实名: the way there, in place of the page. */
function BindFirst() {
  return (
    <View className="kit-card ins-gate" id="ins-bind-first">
      <Text className="kit-card__title">请先完成实名认证</Text>
      <Text className="ins-line">
        医保信息属于个人敏感信息，绑定本人身份后才能查询。身份证号加密保存，页面只显示部分号码。
      </Text>
      <Button id="ins-go-bind" onClick={() => void Taro.navigateTo({ url: IDENTITY_PAGE })}>
        去实名认证
      </Button>
    </View>
  );
}

function NotInsured() {
  return (
    <View className="kit-card ins-gate" id="ins-not-insured">
      <Text className="kit-card__title">未查询到您的参保信息</Text>
      <Text className="ins-line">如您刚参保，数据可能尚未同步；也可以带上身份证到医保服务大厅或拨打大厅电话核实。</Text>
      <Button kind="secondary" onClick={() => void Taro.navigateTo({ url: '/insurance/pages/halls/index' })}>
        查看服务大厅
      </Button>
    </View>
  );
}

/**
 * Loads the caller's own insurance data once the session and the bound identity are there, and
 * shows what stands in the way otherwise: sign in, bind the identity, or no record.
 */
export function Insured<T>({
  load,
  loadKey = 'mine',
  children,
}: {
  load: () => Promise<T>;
  loadKey?: string;
  children: (data: T, reload: () => void) => ReactNode;
}) {
  const session = useSession();
  const bound = session.status === 'signed-in' && session.account.identity !== null;
  const loaded = useLoad(() => (bound ? load() : Promise.resolve(null)), `${loadKey}:${bound}`);
  if (session.status === 'starting') return <Skeleton />;
  if (session.status !== 'signed-in') return <SignInPrompt text="登录后查询本人医保" />;
  if (!bound) return <BindFirst />;
  const { error } = loaded;
  if (error instanceof ApiError && error.code === 'IDENTITY_NOT_BOUND') return <BindFirst />;
  if (error instanceof ApiError && error.code === 'NOT_INSURED') return <NotInsured />;
  if (error) return <ErrorState error={error} onRetry={loaded.reload} />;
  if (loaded.data === null) return <Skeleton />;
  return <>{children(loaded.data, loaded.reload)}</>;
}
