import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { Empty } from '../../../components/states';
import { useSession } from '../../../session/useSession';
import { scopeKindNames, workbenchTools } from '../../workbench-tools';
import '../../accounts.css';

/** Staff see one card per place they operate, with the tools features offer for that kind. */
export default function Workbench() {
  const session = useSession();
  const scopes = session.status === 'signed-in' ? session.account.staffScopes : [];
  return (
    <PageShell className="accounts">
      {scopes.length === 0 ? <Empty text="暂无工作权限" hint="请联系管理员授予" /> : null}
      {scopes.map((scope) => {
        const tools = workbenchTools.filter((tool) => tool.kind === scope.kind);
        return (
          <View key={`${scope.kind}:${scope.id}`} className="card">
            <Text className="card__title">{scopeKindNames[scope.kind]}</Text>
            <Text className="card__hint">编号 {scope.id.slice(-6)}</Text>
            {tools.length === 0 ? <Text className="card__hint">该类工具即将上线</Text> : null}
            {tools.map((tool) => (
              <Text
                key={tool.url}
                className="card__link"
                onClick={() => void Taro.navigateTo({ url: `${tool.url}?scope=${scope.id}` })}
              >
                {tool.title} ›
              </Text>
            ))}
          </View>
        );
      })}
    </PageShell>
  );
}
