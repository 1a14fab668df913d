// /sites: heritage sites, responsible persons, patrols, hazards, alarms.
// Not built yet: the page says what will come here.
import { SafetyOutlined } from '@ant-design/icons';
import { ModulePlaceholder } from '../../components/ModulePlaceholder';

export default function SitesPage() {
  return <ModulePlaceholder module="sites" icon={<SafetyOutlined />} />;
}
