import { useState } from 'react';
import type { CustomerView } from '../../shared/customer-view.js';
import { ElderlyToggle } from '../components/ElderlyToggle.js';
import { Shell } from '../components/Shell.js';
import { useEvent, useQuery } from '../rpc/hooks.js';

/** The applicant's screen beside the counter: it only shows what the clerk's terminal sends it. */
export default function CustomerApp() {
  const initial = useQuery('display.getCustomerView', {});
  const [pushed, setPushed] = useState<CustomerView>();
  const [elderly, setElderly] = useState(false);
  useEvent('display.customerView', setPushed);
  const view = pushed ?? initial.data;

  return (
    <Shell title="窗口服务 At your service" elderly={elderly} actions={<ElderlyToggle on={elderly} onChange={setElderly} />}>
      <section className="customer-view" data-view={view?.kind ?? 'loading'}>
        {view?.kind === 'welcome' && (
          <>
            <p className="customer-window">{view.windowLabel}</p>
            <p className="customer-greeting">您好，欢迎办理业务</p>
            <p className="customer-greeting-en">Welcome</p>
            {view.clerkName && <p className="customer-clerk">为您服务的是 {view.clerkName}</p>}
          </>
        )}
        {view?.kind === 'paused' && (
          <>
            <p className="customer-window">{view.windowLabel}</p>
            <p className="customer-greeting">暂停服务</p>
            <p className="customer-greeting-en">This window is paused</p>
            {view.reason && <p className="customer-clerk">{view.reason}</p>}
          </>
        )}
      </section>
    </Shell>
  );
}
