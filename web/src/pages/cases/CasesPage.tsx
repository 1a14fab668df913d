// /cases: lifecycle, suspects, gangs, fugitives, property, supervision, series-case linking.
// Not built yet: the page says what will come here.
import { FileSearchOutlined } from '@ant-design/icons';
import { ModulePlaceholder } from '../../components/ModulePlaceholder';

export default function CasesPage() {
  return <ModulePlaceholder module="cases" icon={<FileSearchOutlined />} />;
}
