// /fraud: warning leads, stop-payment and freeze requests, funds returned, mule cards.
// Not built yet: the page says what will come here.
import { AlertOutlined } from '@ant-design/icons';
import { ModulePlaceholder } from '../../components/ModulePlaceholder';

export default function FraudPage() {
  return <ModulePlaceholder module="fraud" icon={<AlertOutlined />} />;
}
