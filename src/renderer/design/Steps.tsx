export interface Step<K extends string> {
  key: K;
  label: string;
  state: 'todo' | 'done' | 'missing';
  /** What is still missing, shown under the step's name. */
  note?: string | undefined;
}

interface StepsProps<K extends string> {
  steps: readonly Step<K>[];
  current: K;
  label: string;
  onSelect(key: K): void;
}

/** A flow's steps in a row: where one is, what is done, what is still missing; any step can be gone back to. */
export function Steps<K extends string>({ steps, current, label, onSelect }: StepsProps<K>) {
  return (
    <nav aria-label={label}>
      <ol className="ds-steps">
        {steps.map((step, index) => (
          <li key={step.key} style={{ flex: 1, display: 'flex' }}>
            <button
              type="button"
              className="ds-step"
              data-state={step.state}
              aria-current={step.key === current ? 'step' : undefined}
              onClick={() => onSelect(step.key)}
            >
              <span>
                {index + 1}. {step.label}
              </span>
              {step.note && <span className="ds-step-note">{step.note}</span>}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
