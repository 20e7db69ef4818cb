import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Empty, LinkRow, PageFrame, useLoad } from '../../../kit';
import { useSession } from '../../../session/useSession';
import { placeNames, scopeKindNames, workbenchTools } from '../../workbench-tools';
import '../../accounts.css';

/** Staff see one card per place they operate, by its name, with the tools features offer for it. */
export default function Workbench() {
  const session = useSession();
  const scopes = session.status === 'signed-in' ? session.account.staffScopes : [];
  const admin = session.status === 'signed-in' && session.account.roles.includes('admin');
  const names = useLoad(() => placeNames(scopes), scopes.map((s) => s.id).join(','));
  return (
    <PageFrame title="工作台" className="accounts">
      {admin ? (
        <View className="kit-card workbench">
          <Text className="card__title">管理</Text>
          <View className="workbench__tools">
            <LinkRow
              id="workbench-dead-letters"
              title="推送失败"
              desc="重试用尽仍未推送成功的消息"
              onClick={() => void Taro.navigateTo({ url: '/notifications/pages/dead/index' })}
            />
          </View>
        </View>
      ) : null}
      {scopes.length === 0 && !admin ? <Empty text="暂无工作权限" hint="请联系管理员授予" /> : null}
      {scopes.map((scope) => {
        const tools = workbenchTools.filter((tool) => tool.kind === scope.kind);
        return (
          <View key={`${scope.kind}:${scope.id}`} className="kit-card workbench">
            <Text className="card__hint">{scopeKindNames[scope.kind]}</Text>
            <Text className="card__title" id="workbench-place">
              {names.data?.[scope.id] ?? (names.loading ? '正在加载名称…' : `未命名${scopeKindNames[scope.kind]}`)}
            </Text>
            {tools.length === 0 ? <Text className="card__hint">该类工具即将上线</Text> : null}
            <View className="workbench__tools">
              {tools.map((tool) => (
                <LinkRow
                  key={tool.url}
                  title={tool.title}
                  onClick={() => void Taro.navigateTo({ url: `${tool.url}?scope=${scope.id}` })}
                />
              ))}
            </View>
          </View>
        );
      })}
    </PageFrame>
  );
}
