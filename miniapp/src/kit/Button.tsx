import type { PropsWithChildren } from 'react';
import { View } from '@tarojs/components';
import './kit.css';

/** Reachable by keyboard and screen-reader focus on H5. Taro's View types omit tabIndex, but
 * it reaches the element like any attribute (mini-programs ignore it). */
export const focusable = { tabIndex: 0 } as Record<string, unknown>;

export interface ButtonProps {
  kind?: 'primary' | 'secondary' | 'danger' | 'plain';
  /** Shows a spinner and "请稍候" for screen readers; taps are ignored meanwhile. */
  loading?: boolean;
  disabled?: boolean;
  /** Half width, for two buttons side by side. */
  inline?: boolean;
  id?: string;
  className?: string;
  onClick?: () => void;
}

/**
 * The one button. A View, not Taro's Button: the platform button's own styles (grey text,
 * opacity when disabled, a border pseudo-element) fought every page's colours and hid labels.
 * Colours meet 4.5:1 in every state; disabled looks flat, not faded.
 */
export function Button({
  kind = 'primary',
  loading,
  disabled,
  inline,
  id,
  className,
  onClick,
  children,
}: PropsWithChildren<ButtonProps>) {
  const off = Boolean(disabled || loading);
  const classes = ['kit-btn', `kit-btn--${kind}`, off ? 'kit-btn--off' : '', inline ? 'kit-btn--inline' : '', className]
    .filter(Boolean)
    .join(' ');
  return (
    <View
      id={id}
      className={classes}
      hoverClass={off ? 'none' : 'kit-btn--pressed'}
      role="button"
      {...focusable}
      aria-disabled={off}
      aria-busy={loading}
      onClick={() => {
        if (!off) onClick?.();
      }}
    >
      {loading ? <View className="kit-btn__spinner" /> : null}
      {children}
    </View>
  );
}

/** A choice among a few (a school, a date range): a pill that shows whether it is on. */
export function Chip({
  on,
  id,
  onClick,
  children,
}: PropsWithChildren<{ on: boolean; id?: string; onClick: () => void }>) {
  return (
    <View id={id} className={`kit-chip ${on ? 'kit-chip--on' : ''}`} role="button" aria-pressed={on} onClick={onClick}>
      {children}
    </View>
  );
}

/** A row that opens another page: title, optional description and value, and the chevron. */
export function LinkRow({
  title,
  desc,
  value,
  id,
  onClick,
}: {
  title: string;
  desc?: string;
  value?: string;
  id?: string;
  onClick: () => void;
}) {
  return (
    <View
      id={id}
      className="kit-link-row"
      hoverClass="kit-link-row--pressed"
      role="button"
      {...focusable}
      onClick={onClick}
    >
      <View className="kit-link-row__text">
        <View className="kit-link-row__title">{title}</View>
        {desc ? <View className="kit-link-row__desc">{desc}</View> : null}
      </View>
      <View className="kit-link-row__value">
        {value ? `${value} ` : ''}
        <View className="kit-link-row__chevron" aria-hidden="true">
          ›
        </View>
      </View>
    </View>
  );
}

export function Badge({ tone = 'brand', children }: PropsWithChildren<{ tone?: 'brand' | 'wait' | 'off' | 'ok' }>) {
  return <View className={`kit-badge kit-badge--${tone}`}>{children}</View>;
}

/** A message about the last action, tied to what it says (success green, failure red). */
export function Notice({
  ok,
  id,
  className,
  children,
}: PropsWithChildren<{ ok: boolean; id?: string; className?: string }>) {
  return (
    <View
      id={id}
      className={`kit-notice ${ok ? 'kit-notice--ok' : 'kit-notice--bad'} ${className ?? ''}`}
      role="status"
    >
      {children}
    </View>
  );
}

/** On/off for a setting; the whole row is the switch, so it is easy to hit at any text size. */
export function Toggle({
  label,
  desc,
  on,
  id,
  onChange,
}: {
  label: string;
  desc?: string;
  on: boolean;
  id?: string;
  onChange: (on: boolean) => void;
}) {
  return (
    <View id={id} className="kit-toggle" role="switch" aria-checked={on} {...focusable} onClick={() => onChange(!on)}>
      <View className="kit-link-row__text">
        <View className="kit-link-row__title">{label}</View>
        {desc ? <View className="kit-link-row__desc">{desc}</View> : null}
      </View>
      <View className={`kit-toggle__track ${on ? 'kit-toggle__track--on' : ''}`} aria-hidden="true">
        <View className="kit-toggle__knob" />
      </View>
    </View>
  );
}
