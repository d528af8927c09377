import { useEffect, useRef, type ReactNode } from 'react';

let firstPage = true;

/**
 * A page's heading and title. After a client-side navigation focus moves to the heading, so
 * screen readers announce the new page and keyboard users start from its top; the first page
 * of a load keeps the browser's own focus.
 */
export const Page = ({ title, children }: { title: string; children: ReactNode }) => {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · OrgSphere console`;
    if (firstPage) firstPage = false;
    else heading.current?.focus();
  }, [title]);
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </>
  );
};
