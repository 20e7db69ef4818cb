import { Text, View } from '@tarojs/components';

export interface Step {
  title: string;
  /** A time or a note under the title. */
  desc?: string;
}

/** Progress through fixed stages (maternity allowance, an order): done, the current one, to come. */
export function Steps({ steps, current }: { steps: readonly Step[]; current: number }) {
  return (
    <View className="kit-steps" role="list">
      {steps.map((step, i) => (
        <View
          key={step.title}
          role="listitem"
          aria-current={i === current ? 'step' : undefined}
          className={`kit-step ${i < current ? 'kit-step--done' : i === current ? 'kit-step--current' : ''}`}
        >
          <View className="kit-step__dot" aria-hidden="true" />
          <View>
            <Text className="kit-step__title">{step.title}</Text>
            {step.desc ? <Text className="kit-step__desc">{` ${step.desc}`}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  );
}
