import type { PropsWithChildren } from 'react';
import { Input, Picker, Text, View } from '@tarojs/components';

/** A labelled form field with its error under it; sizes follow elder mode through the CSS. */
export function FormRow({ label, error, children }: PropsWithChildren<{ label: string; error?: string }>) {
  return (
    <View className="ps-form-row">
      <Text className="ps-label">{label}</Text>
      {children}
      {error ? <Text className="ps-field-error">{error}</Text> : null}
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
  type?: 'text' | 'number';
}

export function TextRow({ id, label, value, onChange, error, placeholder, maxlength, type = 'text' }: TextRowProps) {
  return (
    <FormRow label={label} error={error}>
      <Input
        id={id}
        className={`ps-input ${error ? 'ps-input--bad' : ''}`}
        type={type}
        value={value}
        maxlength={maxlength}
        placeholder={placeholder}
        onInput={(e) => onChange(e.detail.value)}
      />
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

/** The platform's own date and time wheels: nothing to mistype at the school gate. */
export function DateTimeRow({ label, date, time, onDate, onTime, error }: DateTimeRowProps) {
  return (
    <FormRow label={label} error={error}>
      <View className="ps-row">
        {onDate ? (
          <Picker mode="date" value={date ?? ''} onChange={(e) => onDate(String(e.detail.value))}>
            <View className={`ps-input ${error ? 'ps-input--bad' : ''}`}>{date || '选择日期'}</View>
          </Picker>
        ) : null}
        <Picker mode="time" value={time} onChange={(e) => onTime(String(e.detail.value))}>
          <View className={`ps-input ${error ? 'ps-input--bad' : ''}`}>{time || '选择时间'}</View>
        </Picker>
      </View>
    </FormRow>
  );
}
