// The primary "add" button above a tab's table, right-aligned.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import type { ReactNode } from 'react';

export function AddBar({ onAdd, testId, children }: { onAdd: () => void; testId: string; children: ReactNode }) {
  return (
    <Flex justify="flex-end">
      <Button type="primary" icon={<PlusOutlined />} onClick={onAdd} data-testid={testId}>
        {children}
      </Button>
    </Flex>
  );
}
