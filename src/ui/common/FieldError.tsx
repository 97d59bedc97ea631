// An inline error under a control; the control points at it with aria-describedby.
export function FieldError({ id, message }: { id: string; message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p id={id} class="field-error">
      <span aria-hidden="true" class="field-error-mark">
        !
      </span>{' '}
      {message}
    </p>
  );
}
