import { App as AntApp } from 'antd';
import { RouterProvider } from 'react-router-dom';
import { LocaleProvider } from './LocaleProvider';
import { router } from './routes';

export function App() {
  return (
    <LocaleProvider>
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </LocaleProvider>
  );
}
