import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type ComponentType } from 'react';
import { ElderlyToggle } from '../components/ElderlyToggle.js';
import { PanelBoundary } from '../components/PanelBoundary.js';
import { Shell } from '../components/Shell.js';
import { useQuery, useSend } from '../rpc/hooks.js';
import { useAnnounce } from '../speech/announce.js';
import { IdleGuard } from './IdleGuard.js';
import { KioskContext, type KioskVisit } from './kiosk-context.js';
import { TakeNumber } from './TakeNumber.js';

/** What a citizen can do here; each screen is a chunk of its own but the commonest, taking a number. */
const SCREENS = {
  take: { title: '取号', en: 'Take a number', hint: '选择业务，取排队号', app: TakeNumber as ComponentType },
  checkIn: { title: '预约签到', en: 'Appointment check-in', hint: '预约码或身份证签到', app: lazy(() => import('./CheckIn.js')) },
  guide: { title: '办事指南', en: 'Service guide', hint: '查事项、看材料、打印指南', app: lazy(() => import('./ServiceGuide.js')) },
  fill: { title: '自助填表', en: 'Fill in a form', hint: '答几个问题，提前填好申请', app: lazy(() => import('./FormFilling.js')) },
  progress: { title: '进度查询', en: 'Case progress', hint: '办件编号或身份证查询', app: lazy(() => import('./ProgressLookup.js')) },
} as const;
type Screen = keyof typeof SCREENS;

const DEFAULT_IDLE = { idleSeconds: 90, warningSeconds: 15 };

export default function KioskApp() {
  const send = useSend();
  const announce = useAnnounce();
  const hello = useQuery('system.hello', {});
  const [screen, setScreen] = useState<Screen | null>(null);
  const [elderly, setElderly] = useState(false);
  /** A new visit remounts every screen, so nothing a citizen saw or typed survives in the page. */
  const [visit, setVisit] = useState(0);

  const finish = useCallback(() => {
    setScreen(null);
    setElderly(false);
    setVisit((n) => n + 1);
    void send('kiosk.endSession', {});
  }, [send]);

  const speak = useCallback(
    (text: string, always = false) => {
      if (elderly || always) announce(text);
    },
    [announce, elderly],
  );
  const context = useMemo<KioskVisit>(() => ({ elderly, speak, finish }), [elderly, speak, finish]);

  useEffect(() => {
    if (elderly) speak(screen ? SCREENS[screen].title : '您好，请选择要办理的事情');
  }, [elderly, screen, speak]);

  const idle = hello.data?.idle ?? DEFAULT_IDLE;
  const current = screen ? SCREENS[screen] : null;
  const Current = current?.app;

  return (
    <KioskContext.Provider value={context}>
      <Shell
        title={current ? `${current.title} ${current.en}` : '自助服务 Self-service'}
        elderly={elderly}
        actions={
          <>
            {screen && (
              <button type="button" className="toggle" onClick={finish}>
                返回首页 Home
              </button>
            )}
            <ElderlyToggle on={elderly} onChange={setElderly} />
          </>
        }
      >
        <IdleGuard
          idleSeconds={idle.idleSeconds}
          warningSeconds={idle.warningSeconds}
          active={screen !== null || elderly}
          onTimeout={finish}
        />
        {Current ? (
          <PanelBoundary part={current.title} key={`${screen}-${visit}`}>
            <Suspense fallback={<p className="loading">加载中… Loading</p>}>
              <Current />
            </Suspense>
          </PanelBoundary>
        ) : (
          <nav className="kiosk-home" aria-label="自助服务 Services" key={visit}>
            {(Object.keys(SCREENS) as Screen[]).map((id) => (
              <button key={id} type="button" className="home-tile" data-screen={id} onClick={() => setScreen(id)}>
                <span className="home-tile-title">{SCREENS[id].title}</span>
                <span className="home-tile-en">{SCREENS[id].en}</span>
                <span className="home-tile-hint">{SCREENS[id].hint}</span>
              </button>
            ))}
          </nav>
        )}
      </Shell>
    </KioskContext.Provider>
  );
}
