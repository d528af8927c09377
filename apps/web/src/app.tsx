import { BrowserRouter, Route, Routes } from 'react-router';

import { AuthProvider } from './auth/auth-context';
import { routerBasename } from './config';
import { publicPages, signedInPages } from './console-pages';
import { ConsoleLayout, PublicLayout } from './layout';
import { NotFoundPage } from './pages/not-found';

export const App = () => (
  <AuthProvider>
    <BrowserRouter basename={routerBasename()}>
      <Routes>
        <Route element={<PublicLayout />}>
          {publicPages.map(({ path, component: Component }) => (
            <Route key={path} path={path} element={<Component />} />
          ))}
        </Route>
        <Route element={<ConsoleLayout />}>
          {signedInPages.map(({ path, component: Component }) => (
            <Route key={path} path={path} element={<Component />} />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </BrowserRouter>
  </AuthProvider>
);
