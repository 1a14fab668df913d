// A modal holding one vertical antd form: OK submits it, the form is disabled and OK spins while the
// request runs, a failed request is shown above the form with its field errors under the fields.
// The caller owns the form (Form.useForm, so it can watch fields) and gives only what is specific.
import { Form, type FormInstance, type FormProps, Modal, type ModalProps } from 'antd';
import type { ReactNode } from 'react';
import { useFormSubmit } from '../hooks/useFormSubmit';
import { testId as dataTestId } from '../lib/testId';
import { FormError } from './FormError';

export interface FormModalProps<V> {
  form: FormInstance<V>;
  /** The form's name: field ids are `<name>_<field>`. */
  name: string;
  /** Field names the server's field errors may go to. */
  fields: readonly string[];
  /** Sends the values; throws on failure (the error is shown in the modal). */
  onSubmit: (values: V) => Promise<void>;
  open: boolean;
  title: ReactNode;
  okText: string;
  cancelText: string;
  onCancel: () => void;
  /** data-testid of the modal, the OK and cancel buttons and the error block. */
  testId?: string;
  okTestId: string;
  cancelTestId?: string;
  errorTestId?: string;
  okDanger?: boolean;
  width?: ModalProps['width'];
  afterClose?: () => void;
  initialValues?: FormProps<V>['initialValues'];
  onValuesChange?: FormProps<V>['onValuesChange'];
  /** Shown above the error and the form. */
  intro?: ReactNode;
  /** Set to false to leave the form out (e.g. while the modal closes with nothing to edit). */
  showForm?: boolean;
  children?: ReactNode;
}

export function FormModal<V>({
  form,
  name,
  fields,
  onSubmit,
  open,
  title,
  okText,
  cancelText,
  onCancel,
  testId,
  okTestId,
  cancelTestId,
  errorTestId,
  okDanger,
  width,
  afterClose,
  initialValues,
  onValuesChange,
  intro,
  showForm = true,
  children,
}: FormModalProps<V>) {
  const { submitting, error, clearError, onFinish } = useFormSubmit(form, fields, onSubmit);
  return (
    <Modal
      open={open}
      width={width}
      title={title}
      okText={okText}
      cancelText={cancelText}
      okButtonProps={{ ...dataTestId(okTestId), loading: submitting, danger: okDanger }}
      cancelButtonProps={cancelTestId ? dataTestId(cancelTestId) : undefined}
      onOk={() => form.submit()}
      onCancel={onCancel}
      afterClose={() => {
        clearError();
        // A reopened modal starts from its initial values, not from what was typed and abandoned.
        form.resetFields();
        afterClose?.();
      }}
      destroyOnHidden
      data-testid={testId}
    >
      {intro}
      <FormError error={error} testId={errorTestId} />
      {showForm ? (
        <Form<V>
          form={form}
          name={name}
          layout="vertical"
          disabled={submitting}
          onFinish={onFinish}
          initialValues={initialValues}
          onValuesChange={onValuesChange}
        >
          {children}
        </Form>
      ) : null}
    </Modal>
  );
}
