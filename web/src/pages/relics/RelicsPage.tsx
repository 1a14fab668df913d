// /relics: stolen/lost object registry (Object ID), photos, publishing, tips, certificates, recoveries.
// Not built yet: the page says what will come here.
import { BankOutlined } from '@ant-design/icons';
import { ModulePlaceholder } from '../../components/ModulePlaceholder';

export default function RelicsPage() {
  return <ModulePlaceholder module="relics" icon={<BankOutlined />} />;
}
