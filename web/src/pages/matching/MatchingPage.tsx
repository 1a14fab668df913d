// /matching: image fingerprints, search by photo, bulk screening of listings into leads.
// Not built yet: the page says what will come here.
import { PictureOutlined } from '@ant-design/icons';
import { ModulePlaceholder } from '../../components/ModulePlaceholder';

export default function MatchingPage() {
  return <ModulePlaceholder module="matching" icon={<PictureOutlined />} />;
}
