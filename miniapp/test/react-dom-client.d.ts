// @types/react-dom is not a dependency (Taro renders with its own reconciler); the elder-mode
// test only needs this much of react-dom/client.
declare module 'react-dom/client' {
  import type { ReactNode } from 'react';
  export function createRoot(container: Element): { render(node: ReactNode): void; unmount(): void };
}
