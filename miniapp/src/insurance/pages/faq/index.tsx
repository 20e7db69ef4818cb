import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { call } from '../../../api/client';
import { routes } from '../../../api/routes';
import { Button, Chip, ListState, PageFrame, TextRow, useLoad } from '../../../kit';
import '../../insurance.css';

const examples = ['异地备案怎么办', '生育津贴多久到账', '家庭共济', '断缴怎么补'];

/** 百问百答: a Chinese query, the best answers first; open to everyone, no account needed. */
export default function Faq() {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const results = useLoad(
    () => (query ? call(routes.insurance.searchFaq, { query: { q: query, limit: 5 } }) : Promise.resolve(null)),
    query,
  );
  const items = results.data?.items ?? [];
  const search = (q: string) => {
    setText(q);
    setQuery(q.trim());
  };
  return (
    <PageFrame title="百问百答" className="insurance">
      <TextRow
        id="ins-faq-query"
        label="您想问什么"
        placeholder="如：异地就医怎么备案"
        value={text}
        maxlength={60}
        onChange={setText}
      />
      <Button id="ins-faq-search" disabled={text.trim().length === 0} onClick={() => search(text)}>
        搜索
      </Button>
      <View className="ins-chips" role="group" aria-label="常见问题">
        {examples.map((q) => (
          <Chip key={q} on={query === q} onClick={() => search(q)}>
            {q}
          </Chip>
        ))}
      </View>
      {query ? (
        <ListState
          loading={results.loading}
          error={results.error}
          empty={items.length === 0}
          emptyText="没有找到相关问题"
          emptyHint="换个说法试试，或拨打服务大厅电话咨询"
          onRetry={results.reload}
        >
          {items.map((item, i) => (
            <View key={item.id} className="kit-card" id={`ins-faq-${i}`}>
              <Text className="ins-line">{item.category}</Text>
              <Text className="kit-card__title">{item.question}</Text>
              <Text className="ins-answer">{item.answer}</Text>
            </View>
          ))}
        </ListState>
      ) : null}
    </PageFrame>
  );
}
