/**
 * Props of a picker whose value is one code (jurisdiction, category): what antd Form.Item passes
 * (id, value, onChange, status) and what a filter bar sets.
 */
export interface CodePickerProps {
  id?: string;
  value?: string;
  onChange?: (code: string | undefined) => void;
  allowClear?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  className?: string;
  status?: '' | 'error' | 'warning';
  'data-testid'?: string;
}
