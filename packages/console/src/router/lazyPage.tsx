import { Suspense, lazy, type ComponentType } from 'react';
import { PageSpin } from '../components/PageSpin';

/** A route element whose code is split into its own chunk and loaded on first visit. */
export function lazyPage(load: () => Promise<{ default: ComponentType }>, fullScreen = false) {
  const Page = lazy(load);
  return (
    <Suspense fallback={<PageSpin fullScreen={fullScreen} />}>
      <Page />
    </Suspense>
  );
}
