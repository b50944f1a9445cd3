/** A wait the citizen can see: a turning ring and what is happening, said to screen readers too. */
export function Busy({ text }: { text: string }) {
  return (
    <p className="kiosk-busy" role="status">
      <span className="kiosk-spinner" aria-hidden="true" />
      {text}
    </p>
  );
}
