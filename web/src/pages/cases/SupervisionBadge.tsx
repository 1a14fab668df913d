// 省级督办 / 部级督办 badge; renders nothing for an unsupervised case.
import { FlagFilled } from '@ant-design/icons';
import { Tag } from 'antd';
import type { SupervisionLevel } from '../../api/types';
import { useLabels } from '../../i18n/useLabels';

export function SupervisionBadge({ level, testId }: { level: SupervisionLevel; testId?: string }) {
  const { label } = useLabels();
  if (level === 'none') return null;
  return (
    <Tag color={level === 'ministry' ? 'red' : 'orange'} icon={<FlagFilled />} data-testid={testId} data-level={level}>
      {label('supervision', level)}
    </Tag>
  );
}
