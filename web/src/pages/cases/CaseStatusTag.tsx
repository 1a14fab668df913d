// A case status as a coloured tag (已报案, 已立案, 已破案, 已移送起诉, 已结案, 已撤案).
import { Tag } from 'antd';
import type { CaseStatus } from '../../api/types';
import { useLabels } from '../../i18n/useLabels';

const COLOURS: Record<CaseStatus, string> = {
  reported: 'default',
  filed: 'blue',
  solved: 'green',
  prosecuted: 'purple',
  closed: 'cyan',
  dismissed: 'red',
};

export function CaseStatusTag({ status, testId }: { status: CaseStatus; testId?: string }) {
  const { label } = useLabels();
  return (
    <Tag color={COLOURS[status] ?? 'default'} data-testid={testId} data-status={status}>
      {label('caseStatus', status)}
    </Tag>
  );
}
