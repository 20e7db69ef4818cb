import type { PropsWithChildren } from 'react';
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { focusable } from './Button';
import { cstDate, cstMidnight } from './time';

/** A labelled form field with its error under it; sizes follow elder mode through the CSS. */
export function FormRow({ label, error, children }: PropsWithChildren<{ label: string; error?: string }>) {
  return (
    <View className="kit-form-row">
      <Text className="kit-label">{label}</Text>
      {children}
      {error ? (
        <View className="kit-field-error" role="alert">
          {error}
        </View>
      ) : null}
    </View>
  );
}

export interface TextRowProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  placeholder?: string;
  maxlength?: number;
  type?: 'text' | 'number' | 'idcard';
  /** Several lines (a summary, a reason). */
  multiline?: boolean;
}

export function TextRow({ id, label, value, onChange, error, placeholder, maxlength, type, multiline }: TextRowProps) {
  const className = `kit-input ${multiline ? 'kit-textarea' : ''} ${error ? 'kit-input--bad' : ''}`;
  // Taro's inputs take no aria-label to their inner <input>; the placeholder is what names them.
  const hint = placeholder ?? `请输入${label}`;
  return (
    <FormRow label={label} error={error}>
      {multiline ? (
        <Textarea
          id={id}
          className={className}
          value={value}
          maxlength={maxlength}
          placeholder={hint}
          onInput={(e) => onChange(e.detail.value)}
        />
      ) : (
        <Input
          id={id}
          className={className}
          type={type ?? 'text'}
          value={value}
          maxlength={maxlength}
          placeholder={hint}
          onInput={(e) => onChange(e.detail.value)}
        />
      )}
    </FormRow>
  );
}

/** What a wheel shows while closed: the choice, and that tapping changes it. */
function PickerField({ id, text, error }: { id?: string; text: string; error?: string }) {
  return (
    <View id={id} className={`kit-input kit-select ${error ? 'kit-input--bad' : ''}`} role="button" {...focusable}>
      <Text className="kit-select__text">{text}</Text>
      <Text className="kit-select__more" aria-hidden="true">
        更换 ▾
      </Text>
    </View>
  );
}

export interface SelectRowProps<T> {
  label: string;
  options: readonly T[];
  /** What the wheel and the field show for an option. */
  text: (option: T) => string;
  selected: number;
  onSelect: (index: number) => void;
  id?: string;
  error?: string;
}

/** One of a list, with the platform's wheel: fits any number of choices in one row. */
export function SelectRow<T>({ label, options, text, selected, onSelect, id, error }: SelectRowProps<T>) {
  const shown = options[selected];
  return (
    <FormRow label={label} error={error}>
      <Picker
        mode="selector"
        range={options.map(text)}
        value={selected}
        onChange={(e) => onSelect(Number(e.detail.value))}
      >
        <PickerField id={id} text={shown === undefined ? '请选择' : text(shown)} error={error} />
      </Picker>
    </FormRow>
  );
}

export interface DateTimeRowProps {
  label: string;
  /** Without it only the time is asked (a session ends on the day it starts). */
  date?: string;
  time: string;
  onDate?: (date: string) => void;
  onTime: (time: string) => void;
  error?: string;
}

/** The platform's own date and time wheels, from today to a year ahead (China time): nothing
 * to mistype, and no year long gone to scroll past. */
export function DateTimeRow({ label, date, time, onDate, onTime, error }: DateTimeRowProps) {
  const today = cstDate(new Date().toISOString());
  const lastDay = cstDate(cstMidnight(today, 366));
  const field = `kit-input kit-select ${error ? 'kit-input--bad' : ''}`;
  return (
    <FormRow label={label} error={error}>
      <View className="kit-row">
        {onDate ? (
          <Picker
            mode="date"
            value={date ?? ''}
            start={today}
            end={lastDay}
            onChange={(e) => onDate(String(e.detail.value))}
          >
            <View className={field} role="button" {...focusable} aria-label={`${label}日期`}>
              {date || '选择日期'}
            </View>
          </Picker>
        ) : null}
        <Picker mode="time" value={time} onChange={(e) => onTime(String(e.detail.value))}>
          <View className={field} role="button" {...focusable} aria-label={`${label}时间`}>
            {time || '选择时间'}
          </View>
        </Picker>
      </View>
    </FormRow>
  );
}

export interface DateRowProps {
  label: string;
  id?: string;
  value: string;
  onChange: (date: string) => void;
  /** `YYYY-MM-DD` bounds of the wheel. */
  start?: string;
  end?: string;
  error?: string;
}

/** A calendar date on the platform's wheel (a filing's first day, an expected birth). */
export function DateRow({ label, id, value, onChange, start, end, error }: DateRowProps) {
  return (
    <FormRow label={label} error={error}>
      <Picker mode="date" value={value} start={start} end={end} onChange={(e) => onChange(String(e.detail.value))}>
        <PickerField id={id} text={value || '选择日期'} error={error} />
      </Picker>
    </FormRow>
  );
}
