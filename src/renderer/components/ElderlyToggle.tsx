interface ElderlyToggleProps {
  on: boolean;
  onChange(on: boolean): void;
}

/** 长辈模式: larger type and higher contrast, one touch away on every citizen-facing page. */
export function ElderlyToggle({ on, onChange }: ElderlyToggleProps) {
  return (
    <button type="button" className="toggle" aria-pressed={on} onClick={() => onChange(!on)}>
      {on ? '标准模式 Standard' : '长辈模式 Elderly mode'}
    </button>
  );
}
