import { TextRow } from '../kit';
import type { TextRowProps } from '../kit/FormRow';

/** One text field of a form, declared as data: a TextRow's options, named by the form's key. */
export type TextField<K extends string> = Omit<TextRowProps, 'value' | 'onChange'> & { key: K };

/** A run of text fields over one form state, so a long form lists its fields instead of
 * repeating the wiring of each. */
export function TextFields<K extends string>({
  fields,
  form,
  set,
}: {
  fields: readonly TextField<K>[];
  form: Readonly<Record<K, string>>;
  set: (key: K) => (value: string) => void;
}) {
  return (
    <>
      {fields.map(({ key, ...options }) => (
        <TextRow key={key} {...options} value={form[key]} onChange={set(key)} />
      ))}
    </>
  );
}
