import { Tag } from 'antd';
import { useLabels } from '../i18n/useLabels';

export function RoleTags({ roles }: { roles: readonly string[] }) {
  const { label } = useLabels();
  return (
    <>
      {roles.map((role) => (
        <Tag key={role} color="blue">
          {label('roles', role)}
        </Tag>
      ))}
    </>
  );
}
