// The failed request's message above a form (nothing when there is no error).
import { ErrorAlert } from './ErrorAlert';

export function FormError({ error, testId }: { error: unknown; testId?: string }) {
  if (!error) return null;
  return (
    <div className="lf-form-error" data-testid={testId}>
      <ErrorAlert error={error} />
    </div>
  );
}
