import { lazy, StrictMode, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { createRoot } from 'react-dom/client';
import type { Page, RpcRole } from '../shared/roles.js';
import { PanelBoundary } from './components/PanelBoundary.js';
import { RoleGate } from './components/RoleGate.js';
import { guardPublicScreen } from './public-screen-guard.js';
import { forCitizens } from './rpc/citizen-errors.js';
import { connectRpc } from './rpc/connection.js';
import { RpcContext } from './rpc/hooks.js';
import './design/index.js';
import { i18next } from './i18n/index.js';
import './styles.css';

/** Each page is its own chunk, so a kiosk loads only the kiosk. */
const APPS: Record<Page, { role: RpcRole; app: LazyExoticComponent<ComponentType> }> = {
  kiosk: { role: 'kiosk', app: lazy(() => import('./kiosk/KioskApp.js')) },
  counter: { role: 'operator', app: lazy(() => import('./counter/CounterApp.js')) },
  customer: { role: 'customer', app: lazy(() => import('./customer/CustomerApp.js')) },
  board: { role: 'board', app: lazy(() => import('./board/BoardApp.js')) },
};

/** The hall's console: served by the hall server, it talks to the hall itself and has no terminal host to call. */
const ManagerApp = lazy(() => import('./manager/ManagerApp.js'));

// The last segment: a county cluster serves a hall's console under /halls/<id>/.
const page = location.pathname.split('/').filter(Boolean).at(-1) as Page | 'manager' | undefined;
const entry = page && page !== 'manager' && Object.hasOwn(APPS, page) ? APPS[page] : undefined;
const root = createRoot(document.getElementById('root')!);

if (page === 'manager') {
  document.documentElement.dataset.page = page;
  root.render(
    <StrictMode>
      <Suspense fallback={<div className="loading">{i18next.t('loading')}</div>}>
        <ManagerApp />
      </Suspense>
    </StrictMode>,
  );
} else if (!entry) {
  root.render(<div className="fatal">{i18next.t('noSuchPage', { path: location.pathname })}</div>);
} else {
  const App = entry.app;
  document.documentElement.dataset.page = page!;
  const publicScreen = entry.role !== 'operator';
  if (publicScreen) guardPublicScreen(window);
  root.render(
    <StrictMode>
      <RpcContext.Provider value={publicScreen ? forCitizens(connectRpc()) : connectRpc()}>
        <RoleGate role={entry.role}>
          <PanelBoundary part={i18next.t('thisPage')}>
            <Suspense fallback={<div className="loading">{i18next.t('loading')}</div>}>
              <App />
            </Suspense>
          </PanelBoundary>
        </RoleGate>
      </RpcContext.Provider>
    </StrictMode>,
  );
}
