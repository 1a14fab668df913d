// Date and time (minutes) picker for something that has happened: future days are disabled.
import { DatePicker, type DatePickerProps } from 'antd';
import { DATE_TIME_FORMAT, isFutureDay } from '../lib/dates';

export function PastDateTimePicker(props: DatePickerProps) {
  return <DatePicker showTime={{ format: 'HH:mm' }} format={DATE_TIME_FORMAT} disabledDate={isFutureDay} {...props} />;
}
