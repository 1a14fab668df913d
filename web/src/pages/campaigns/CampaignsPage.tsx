// /campaigns: special campaigns: period, agencies, targets, key tasks and progress, joint inspections.
// Not built yet: the page says what will come here.
import { FlagOutlined } from '@ant-design/icons';
import { ModulePlaceholder } from '../../components/ModulePlaceholder';

export default function CampaignsPage() {
  return <ModulePlaceholder module="campaigns" icon={<FlagOutlined />} />;
}
