import type { Dispatch } from 'react';
import { useTranslation } from 'react-i18next';
import { MATERIAL_FORMS } from '../../../shared/cases.js';
import { MaterialCapture } from '../../capture/MaterialCapture.js';
import {
  checklist,
  EXTRA,
  sharedMaterials,
  stateOf,
  unreceivedCount,
  type FlowAction,
  type FlowState,
  type MaterialForm,
  type Received,
} from './flow.js';

/** 材料: the checklist (received, form, copies), each captured from the camera, the scanner or a file; other papers too. */
export function MaterialsStep({ state, dispatch }: { state: FlowState; dispatch: Dispatch<FlowAction> }) {
  const { t } = useTranslation('counter');
  const list = checklist(state, { name: t('materials.authorisation'), requirements: t('materials.authorisationRequirements') });
  const shared = sharedMaterials(state);
  const missing = unreceivedCount(state);
  const captureName = list.find((material) => material.id === state.captureFor)?.name ?? t('materials.extra');
  return (
    <div className="step-body step-materials">
      <div className="materials-list">
        {list.length === 0 ? (
          <p className="step-empty">{t('materials.none')}</p>
        ) : (
          <>
            <table className="data-table" data-testid="intake-materials">
              <thead>
                <tr>
                  <th scope="col">{t('materials.material')}</th>
                  <th scope="col">{t('materials.received')}</th>
                  <th scope="col">{t('materials.form')}</th>
                  <th scope="col">{t('materials.count')}</th>
                  <th scope="col">{t('materials.capture')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((material) => {
                  const received = stateOf(state, material.id);
                  if (!received) return null;
                  const update = (change: Partial<Received>) => dispatch({ type: 'materialChanged', id: material.id, change });
                  return (
                    <tr key={material.id} data-material={material.name} data-received={received.received}>
                      <th scope="row" title={material.requirements}>
                        {material.name}
                        <span className="material-requirement">{material.requirements}</span>
                      </th>
                      <td>
                        <label className="check">
                          <input
                            type="checkbox"
                            aria-label={t('materials.receivedOf', { name: material.name })}
                            checked={received.received}
                            onChange={(event) => update({ received: event.target.checked })}
                          />
                        </label>
                      </td>
                      <td>
                        <select
                          className="ds-input"
                          aria-label={t('materials.formOf', { name: material.name })}
                          value={received.form}
                          onChange={(event) => update({ form: event.target.value as MaterialForm })}
                        >
                          {Object.entries(MATERIAL_FORMS).map(([value, label]) => (
                            <option key={value} value={value}>
                              {label}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        <input
                          className="ds-input count-input"
                          type="number"
                          min={0}
                          max={99}
                          aria-label={t('materials.countOf', { name: material.name })}
                          value={received.count}
                          onChange={(event) => update({ count: Math.max(0, Math.min(99, Number(event.target.value) || 0)) })}
                        />
                      </td>
                      <td>
                        <button
                          type="button"
                          className="ds-button ds-button-secondary"
                          aria-pressed={state.captureFor === material.id}
                          aria-label={t('materials.captureOf', { name: material.name })}
                          onClick={() => dispatch({ type: 'captureFor', id: material.id })}
                        >
                          {received.files.length
                            ? t('materials.captureWithCount', { count: received.files.length })
                            : t('materials.capture')}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <p className={missing > 0 ? 'materials-state materials-state-missing' : 'materials-state'} role="status">
              {missing > 0 ? t('materials.stillMissing', { count: missing }) : t('materials.allReceived')}
            </p>
          </>
        )}
        {shared.length > 0 && (
          <p className="muted">{t('materials.shared', { names: shared.map((m) => m.name).join(t('list.separator')) })}</p>
        )}
        {state.captureFor !== EXTRA && (
          <button type="button" className="ds-button ds-button-quiet" onClick={() => dispatch({ type: 'captureFor', id: EXTRA })}>
            {t('materials.extra')}
          </button>
        )}
      </div>
      <MaterialCapture key={state.captureFor} materialName={captureName} onSaved={(file) => dispatch({ type: 'fileSaved', file })} />
    </div>
  );
}
