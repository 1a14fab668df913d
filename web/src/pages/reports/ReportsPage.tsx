// /reports: public reports in zh and en composed from stats figures; XLSX/PDF export.
// Not built yet: the page says what will come here.
import { FileTextOutlined } from '@ant-design/icons';
import { ModulePlaceholder } from '../../components/ModulePlaceholder';

export default function ReportsPage() {
  return <ModulePlaceholder module="reports" icon={<FileTextOutlined />} />;
}
