import type { PropsWithChildren } from 'react';
import { View } from '@tarojs/components';
import { useElderMode } from '../elder/useElderMode';
import './PageShell.css';

/**
 * Root of every page. Mini-program pages have no shared <html> to put a class on, so each page
 * wraps its content here; font sizes below are CSS variables that `page--elder` enlarges.
 */
export function PageShell({ children, className }: PropsWithChildren<{ className?: string }>) {
  const [elder] = useElderMode();
  const classes = ['page', elder ? 'page--elder' : '', className ?? ''].filter(Boolean).join(' ');
  return <View className={classes}>{children}</View>;
}
