// Submitting an antd form to the server: busy flag, the request error, and a 400 validation_failed's
// field errors put under the form's fields (see lib/formErrors.ts).
import type { FormInstance } from 'antd';
import { useState } from 'react';
import { applyFieldErrors } from '../lib/formErrors';

export interface FormSubmit<V> {
  submitting: boolean;
  error: unknown;
  clearError: () => void;
  /** For `<Form onFinish>`: runs `submit`, catching and showing its error. */
  onFinish: (values: V) => Promise<void>;
}

/**
 * `fields` are the form's field names the server's field errors may go to. With `stayBusyOnSuccess`
 * the form stays disabled after a successful submit (the page is navigating away).
 */
export function useFormSubmit<V>(
  form: FormInstance<V>,
  fields: readonly string[],
  submit: (values: V) => Promise<void>,
  { stayBusyOnSuccess = false }: { stayBusyOnSuccess?: boolean } = {},
): FormSubmit<V> {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>();

  const onFinish = async (values: V) => {
    setSubmitting(true);
    setError(undefined);
    try {
      await submit(values);
      if (!stayBusyOnSuccess) setSubmitting(false);
    } catch (err) {
      applyFieldErrors(form, err, fields);
      setError(err);
      setSubmitting(false);
    }
  };

  return { submitting, error, clearError: () => setError(undefined), onFinish };
}
