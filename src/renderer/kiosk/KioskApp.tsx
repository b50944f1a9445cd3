import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { ElderlyToggle } from '../components/ElderlyToggle.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { PanelBoundary } from '../components/PanelBoundary.js';
import { Shell } from '../components/Shell.js';
import { Dialog } from '../design/index.js';
import { kiosk as enKiosk } from '../i18n/en/kiosk.js';
import { registerCatalogue, useLanguage } from '../i18n/index.js';
import { kiosk as zhKiosk } from '../i18n/zh-CN/kiosk.js';
import { useQuery, useSend } from '../rpc/hooks.js';
import { useAnnounce } from '../speech/announce.js';
import { Busy } from './Busy.js';
import { HelpIcon, HomeIcon, ScreenIcon } from './icons.js';
import { IdleGuard } from './IdleGuard.js';
import { KioskContext, type KioskScreen, type KioskVisit } from './kiosk-context.js';
import { TakeNumber } from './TakeNumber.js';
import './kiosk.css';

registerCatalogue('kiosk', zhKiosk, enKiosk);

/** What a citizen can do here; each screen is a chunk of its own but the commonest, taking a number. */
const SCREENS: Record<KioskScreen, ComponentType> = {
  take: TakeNumber,
  checkIn: lazy(() => import('./CheckIn.js')),
  guide: lazy(() => import('./ServiceGuide.js')),
  fill: lazy(() => import('./FormFilling.js')),
  progress: lazy(() => import('./ProgressLookup.js')),
};
type Screen = KioskScreen;
const ORDER: readonly Screen[] = ['take', 'checkIn', 'guide', 'fill', 'progress'];

const DEFAULT_IDLE = { idleSeconds: 90, warningSeconds: 15 };

export default function KioskApp() {
  const { t } = useTranslation('kiosk');
  const { language, setLanguage } = useLanguage();
  const send = useSend();
  const announce = useAnnounce();
  const hello = useQuery('system.hello', {});
  const [screen, setScreen] = useState<Screen | null>(null);
  const [elderly, setElderly] = useState(false);
  const [help, setHelp] = useState(false);
  /** A new visit remounts every screen, so nothing a citizen saw or typed survives in the page. */
  const [visit, setVisit] = useState(0);

  /** Home, with what the citizen read or typed forgotten; 长辈模式 and the language stay theirs. */
  const home = useCallback(() => {
    setScreen(null);
    setHelp(false);
    setVisit((n) => n + 1);
    void send('kiosk.endSession', {});
  }, [send]);
  // A page that starts (the kiosk switched on, or reloaded after a fault) shows the home to whoever stands
  // there next: a card the host still holds from before would be theirs to look up without being read.
  useEffect(() => {
    void send('kiosk.endSession', {});
  }, [send]);
  /** The citizen is done or walked away: the next one finds the kiosk as it starts, in Chinese. */
  const finish = useCallback(() => {
    home();
    setElderly(false);
    setLanguage('zh-CN');
  }, [home, setLanguage]);

  const speak = useCallback(
    (text: string, always = false) => {
      if (elderly || always) announce(text);
    },
    [announce, elderly],
  );
  const context = useMemo<KioskVisit>(() => ({ elderly, speak, finish, open: setScreen }), [elderly, speak, finish]);

  const spokenTitle = screen ? t(`screens.${screen}.title`) : t('home.spoken');
  useEffect(() => {
    if (elderly) speak(spokenTitle);
  }, [elderly, spokenTitle, speak]);

  const idle = hello.data?.idle ?? DEFAULT_IDLE;
  const Current = screen ? SCREENS[screen] : null;

  return (
    <KioskContext.Provider value={context}>
      <Shell title={screen ? t(`screens.${screen}.title`) : t('title')} elderly={elderly}>
        <IdleGuard
          idleSeconds={idle.idleSeconds}
          warningSeconds={idle.warningSeconds}
          active={screen !== null || elderly || language !== 'zh-CN'}
          onTimeout={finish}
        />
        <div className="kiosk-frame">
          <div className="kiosk-screen" key={`${screen ?? 'home'}-${visit}`}>
            {Current && screen ? (
              <PanelBoundary part={t(`screens.${screen}.title`)}>
                <Suspense fallback={<Busy text={t('loading')} />}>
                  <Current />
                </Suspense>
              </PanelBoundary>
            ) : (
              <div className="kiosk-home">
                <p className="kiosk-greeting">{t('home.greeting')}</p>
                <nav className="kiosk-tiles" aria-label={t('home.services')}>
                  {ORDER.map((id) => (
                    <button key={id} type="button" className="home-tile" data-screen={id} onClick={() => setScreen(id)}>
                      <ScreenIcon screen={id} />
                      <span className="home-tile-title">{t(`screens.${id}.title`)}</span>
                      <span className="home-tile-hint">{t(`screens.${id}.hint`)}</span>
                    </button>
                  ))}
                </nav>
              </div>
            )}
          </div>
          <nav className="kiosk-bar" aria-label={t('bar.label')}>
            {screen && (
              <button type="button" className="kiosk-bar-button" onClick={home}>
                <HomeIcon />
                {t('bar.home')}
              </button>
            )}
            <button type="button" className="kiosk-bar-button" aria-haspopup="dialog" onClick={() => setHelp(true)}>
              <HelpIcon />
              {t('bar.help')}
            </button>
            <LanguageSwitch />
            <ElderlyToggle on={elderly} onChange={setElderly} />
          </nav>
        </div>
        {/* No host method reaches the staff, so the kiosk says where they are rather than pretend to call them. */}
        <Dialog
          open={help}
          title={t('help.title')}
          onClose={() => setHelp(false)}
          actions={
            <button type="button" className="primary" onClick={() => setHelp(false)}>
              {t('help.close')}
            </button>
          }
        >
          <p className="help-where">{t('help.where')}</p>
          <p>{t('help.nearby')}</p>
        </Dialog>
      </Shell>
    </KioskContext.Provider>
  );
}
