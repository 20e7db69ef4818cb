import type { PropsWithChildren } from 'react';
import Taro, { useLaunch } from '@tarojs/taro';
import { elderStore } from './elder/store';
import { startSession } from './session/session';
import './app.css';

// An unknown route (a stale link, a typo) shows the not-found page instead of a blank one.
Taro.onPageNotFound(() => void Taro.reLaunch({ url: '/pages/not-found/index' }));

// The H5 tab bar lives outside every page, so large-text mode reaches it through <html>.
if (process.env.TARO_ENV === 'h5') {
  const mark = () => document.documentElement.classList.toggle('elder-mode', elderStore.get());
  mark();
  elderStore.subscribe(mark);
}

// Pages are rendered as children of this component; shared state lives in small stores
// (src/elder, src/session) so that it also works page by page in tests.
function App({ children }: PropsWithChildren) {
  // Silent sign-in: a stored session is resumed, otherwise the platform's login code is used.
  useLaunch(() => void startSession());
  return children;
}

export default App;
