import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';

import { formErrorsOf } from './api/form-errors';
import { useTRPC } from './api/trpc';
import { hasRole, useAccount } from './api/use-account';
import { useAuth } from './auth/auth-context';
import { signedInPages } from './console-pages';
import { FormMessage } from './components/form-message';
import { SelectField } from './components/select-field';
import { SubmitButton } from './components/submit-button';
import { formText } from './components/form-text';

/** Switching gets tokens for the other organization (the session helper keeps them). */
const OrganizationSwitcher = () => {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { organizations, active } = useAccount();
  const switchTo = useMutation(
    trpc.me.switchOrganization.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries();
        void navigate('/');
      },
    }),
  );
  const list = organizations.data?.organizations ?? [];
  if (list.length === 0) return null;
  return (
    <form
      key={active?.organization_id}
      className="switcher"
      onSubmit={(event) => {
        event.preventDefault();
        switchTo.mutate({ organization_name: formText(event.currentTarget, 'organization_name') });
      }}
    >
      <SelectField
        label="Organization"
        name="organization_name"
        defaultValue={active?.organization_name}
        options={list.map((organization) => ({
          value: organization.organization_name,
          label: `${organization.organization_name} (${organization.role})`,
        }))}
      />
      <SubmitButton pending={switchTo.isPending} pendingLabel="Switching…">
        Switch
      </SubmitButton>
      <FormMessage errors={formErrorsOf(switchTo.error)} />
    </form>
  );
};

const SkipLink = () => (
  <a className="skip-link" href="#main">
    Skip to content
  </a>
);

/** The signed-in frame: header with the organization switcher, navigation, and the page. */
export const ConsoleLayout = () => {
  const auth = useAuth();
  const location = useLocation();
  const { role } = useAccount();
  if (!auth.signedIn) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <>
      <SkipLink />
      <header className="top">
        <p className="brand">OrgSphere console</p>
        <OrganizationSwitcher />
      </header>
      <nav className="side" aria-label="Console">
        <ul>
          {signedInPages
            .filter((page) => page.nav && (!page.minRole || hasRole(role, page.minRole)))
            .map((page) => (
              <li key={page.path}>
                <NavLink to={page.path} end={page.path === '/'}>
                  {page.nav}
                </NavLink>
              </li>
            ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
};

/** Sign-in, sign-up and the accept page. */
export const PublicLayout = () => (
  <>
    <SkipLink />
    <header className="top">
      <p className="brand">OrgSphere console</p>
    </header>
    <main id="main" tabIndex={-1} className="narrow">
      <Outlet />
    </main>
  </>
);
