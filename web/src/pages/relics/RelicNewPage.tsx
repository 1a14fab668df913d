// /relics/new: draft an object record (the Object ID form of RelicForm).
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { createObject } from '../../api/relics';
import { useAuth } from '../../auth/AuthContext';
import { PageTitle } from '../../components/PageTitle';
import { RelicForm } from './RelicForm';

export default function RelicNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const {
    state: { me },
  } = useAuth();
  return (
    <>
      <PageTitle>{t('relics.staff.new')}</PageTitle>
      <RelicForm
        initialValues={{
          jurisdictionCode: me?.jurisdiction.code,
          measurements: [{ dimension: 'height', unit: 'cm', value: undefined as unknown as number }],
        }}
        submitLabel={t('relics.staff.saveDraft')}
        onSubmit={async (body) => {
          const created = await createObject(body);
          void navigate(`/relics/${created.id}`);
        }}
      />
    </>
  );
}
