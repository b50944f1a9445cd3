import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleSettingsSchema, type ConsoleSettings, type SettingsChange, type SettingsView as View } from '../../shared/hall-settings.js';
import { issuesMessage } from '../../shared/issues.js';
import { settingsPlace } from '../../shared/settings-words.js';
import { localDateTimeText } from '../../shared/local-date.js';
import { Button } from '../design/Button.js';
import { Dialog } from '../design/Dialog.js';
import { Notice } from '../design/Notice.js';
import { consoleApi } from './console-client.js';
import { SettingsDiff } from './SettingsDiff.js';
import { ClerksEditor, QueuesEditor, WindowsEditor } from './SettingsListEditors.js';
import { SettingsRulesEditor } from './SettingsRulesEditor.js';
import { TerminalsPanel } from './TerminalsPanel.js';
import { useLocalise } from '../i18n/index.js';
import { useConsoleAction, useRefusalText } from './use-console-action.js';

/** The windows without the queues no longer in the list: a queue removed (or its id retyped) leaves no window serving it. */
const servingOnly = (windows: ConsoleSettings['windows'], queues: ConsoleSettings['queues']) =>
  windows.map((window) => ({ ...window, queues: window.queues.filter((served) => queues.some((queue) => queue.id === served.queueId)) }));

/**
 * The hall's settings, edited while the hall runs: a draft of queues, windows, clerks and rules, its diff
 * from the hall (checked by the hall as applying it would be), applied at once for every terminal; the
 * history of versions with who made each, the latest undoable. A supervisor sees it all and changes nothing.
 */
export function SettingsView({ seq, timeZone, canChange }: { seq: number; timeZone: string; canChange: boolean }) {
  const { t } = useTranslation('manager');
  const action = useConsoleAction();
  const refusalText = useRefusalText();
  const localise = useLocalise();
  const [view, setView] = useState<View>();
  const [draft, setDraft] = useState<ConsoleSettings>();
  const [diff, setDiff] = useState<SettingsChange[]>();
  const [warnings, setWarnings] = useState<string[]>([]);
  const [done, setDone] = useState<string>();
  const [loadError, setLoadError] = useState<string>();
  const [undoing, setUndoing] = useState<View['history'][number]>();
  const dirty = useMemo(() => Boolean(view && draft && JSON.stringify(view.settings) !== JSON.stringify(draft)), [view, draft]);

  const shown = useRef<View>(undefined);
  /** Reads the settings in force; a draft nobody touched follows them, and so does every draft after `reset`. */
  const load = useCallback(
    async (reset = false) => {
      try {
        const next = await consoleApi.settings();
        const before = JSON.stringify(shown.current?.settings);
        setDraft((current) => (reset || !current || JSON.stringify(current) === before ? next.settings : current));
        shown.current = next;
        setView(next);
        setLoadError(undefined);
      } catch (refusal) {
        setLoadError(refusalText(refusal));
      }
    },
    [refusalText],
  );
  // A change made elsewhere (another manager, the other server) comes as an event: the settings are read again.
  useEffect(() => {
    void load();
  }, [load, seq]);

  const edit = (next: ConsoleSettings) => {
    setDraft(next);
    setDiff(undefined);
    setDone(undefined);
  };
  // What the schema refuses is said before anything is sent, entry by entry in the manager's words.
  const preview = () =>
    action.run(async () => {
      const checked = ConsoleSettingsSchema.safeParse(draft);
      if (!checked.success) {
        const what = { zh: t('settings.invalid'), en: t('settings.invalid') };
        throw new Error(issuesMessage(what, checked.error.issues, (path) => settingsPlace(path, draft)));
      }
      const previewed = await consoleApi.previewSettings({ baseVersion: view!.version, settings: checked.data });
      setWarnings(previewed.warnings);
      setDiff(previewed.changes);
    });
  const apply = () =>
    action.run(async () => {
      const applied = await consoleApi.applySettings({ baseVersion: view!.version, settings: draft! });
      await load(true);
      setDiff(undefined);
      setDone(t('settings.applied', { version: applied.version }));
    });
  const undo = (version: number) =>
    action.run(async () => {
      const applied = await consoleApi.undoSettings(version);
      setUndoing(undefined);
      await load(true);
      setDiff(undefined);
      setDone(t('settings.undone', { version: applied.version }));
    });
  const discard = () => {
    if (view) edit(view.settings);
  };

  if (!view || !draft)
    return loadError ? <Notice tone="bad">{loadError}</Notice> : <p className="console-aside">{t('settings.loading')}</p>;
  const saved = (keys: string[]) => new Set(keys);
  const latest = view.history[0];
  return (
    <div className="console-settings">
      <section className="console-panel console-settings-bar" aria-labelledby="settings-title">
        <div className="console-panel-head">
          <h2 id="settings-title">{t('settings.title')}</h2>
          <span className="console-aside" data-testid="settings-version">
            {t('settings.version', { version: view.version })}
            {dirty && ` · ${t('settings.dirty')}`}
          </span>
        </div>
        {!canChange && <p className="console-aside">{t('settings.readOnly')}</p>}
        {loadError && <Notice tone="bad">{loadError}</Notice>}
        {action.error && <Notice tone="bad">{action.error}</Notice>}
        {done && (
          <Notice tone="ok" testId="settings-done">
            {done}
          </Notice>
        )}
        {canChange && (
          <div className="console-actions">
            <Button variant="primary" disabled={!dirty || action.busy} onClick={() => void preview()}>
              {t('settings.preview')}
            </Button>
            <Button variant="quiet" disabled={!dirty || action.busy} onClick={discard}>
              {t('settings.discard')}
            </Button>
          </div>
        )}
      </section>
      <Dialog
        open={diff !== undefined}
        title={t('settings.diffTitle', { version: view.version })}
        onClose={() => setDiff(undefined)}
        actions={
          <>
            <Button variant="quiet" onClick={() => setDiff(undefined)}>
              {t('settings.back')}
            </Button>
            <Button variant="primary" disabled={!diff || diff.length === 0 || action.busy} onClick={() => void apply()}>
              {t('settings.apply')}
            </Button>
          </>
        }
      >
        {action.error && <Notice tone="bad">{action.error}</Notice>}
        {warnings.map((warning) => (
          <Notice key={warning} tone="warn">
            {localise(warning)}
          </Notice>
        ))}
        {diff && <SettingsDiff changes={diff} testId="settings-diff" />}
      </Dialog>
      <Dialog
        open={undoing !== undefined}
        title={t('settings.history.undoTitle', { version: undoing?.version ?? '' })}
        onClose={() => setUndoing(undefined)}
        actions={
          <>
            <Button variant="quiet" onClick={() => setUndoing(undefined)}>
              {t('settings.history.keep')}
            </Button>
            <Button variant="danger" disabled={action.busy} onClick={() => void undo(undoing!.version)}>
              {t('settings.history.undoConfirm')}
            </Button>
          </>
        }
      >
        {action.error && <Notice tone="bad">{action.error}</Notice>}
        <p>{t('settings.history.undoHint')}</p>
        {undoing && <SettingsDiff changes={undoing.changes} />}
      </Dialog>
      <QueuesEditor
        entries={draft.queues}
        saved={saved(view.settings.queues.map((queue) => queue.id))}
        canChange={canChange}
        onChange={(queues) => edit({ ...draft, queues, windows: servingOnly(draft.windows, queues) })}
      />
      <WindowsEditor
        entries={draft.windows}
        queues={draft.queues}
        saved={saved(view.settings.windows.map((window) => String(window.number)))}
        canChange={canChange}
        onChange={(windows) => edit({ ...draft, windows })}
      />
      <ClerksEditor
        entries={draft.clerks}
        saved={saved(view.settings.clerks.map((clerk) => clerk.id))}
        canChange={canChange}
        onChange={(clerks) => edit({ ...draft, clerks })}
      />
      <SettingsRulesEditor rules={draft} canChange={canChange} onChange={(rules) => edit({ ...draft, ...rules })} />
      <TerminalsPanel seq={seq} timeZone={timeZone} windows={view.settings.windows} canChange={canChange} />
      <section className="console-panel" aria-labelledby="settings-history">
        <h2 id="settings-history">{t('settings.history.title')}</h2>
        <ol className="console-history" data-testid="settings-history">
          {view.history.map((version) => (
            <li key={version.version}>
              <div className="console-panel-head">
                <strong>
                  {t('settings.history.line', {
                    version: version.version,
                    at: localDateTimeText(version.at, timeZone),
                    who: version.manager?.name ?? t('settings.history.file'),
                  })}
                  {version.undoes !== null && ` · ${t('settings.history.undoes', { version: version.undoes })}`}
                </strong>
                {canChange && version === latest && version.version > 1 && (
                  <Button variant="quiet" disabled={action.busy || dirty} onClick={() => setUndoing(version)}>
                    {t('settings.history.undo')}
                  </Button>
                )}
              </div>
              <SettingsDiff changes={version.changes} />
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
