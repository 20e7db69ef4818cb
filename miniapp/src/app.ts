import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { startSession } from './session/session';
import './app.css';

// Pages are rendered as children of this component; shared state lives in small stores
// (src/elder, src/session) so that it also works page by page in tests.
function App({ children }: PropsWithChildren) {
  // Silent sign-in: a stored session is resumed, otherwise the platform's login code is used.
  useLaunch(() => void startSession());
  return children;
}

export default App;
