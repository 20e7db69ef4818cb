import type { PropsWithChildren } from 'react';
import './app.css';

// Pages are rendered as children of this component; shared state lives in small stores
// (src/elder) so that it also works page by page in tests.
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
