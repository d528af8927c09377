import { Link } from 'react-router';

import { Page } from '../components/page';

export const NotFoundPage = () => (
  <Page title="Page not found">
    <p>
      There is no such page. <Link to="/">Go to the overview</Link>.
    </p>
  </Page>
);
