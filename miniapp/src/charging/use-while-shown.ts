import { useEffect, useRef, useState } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';

/**
 * Runs `tick` every `ms` while the page is on screen: stopped when it is hidden (another page
 * on top, the app in the background), so a port grid left open costs nothing meanwhile.
 */
export function useWhileShown(tick: () => void, ms: number) {
  const latest = useRef(tick);
  latest.current = tick;
  const [shown, setShown] = useState(true);
  useDidShow(() => setShown(true));
  useDidHide(() => setShown(false));
  useEffect(() => {
    if (!shown) return undefined;
    const timer = setInterval(() => latest.current(), ms);
    return () => clearInterval(timer);
  }, [shown, ms]);
}

/** The current time, re-rendered every second while the page shows (countdowns, live time). */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useWhileShown(() => setNow(Date.now()), 1000);
  return now;
}
