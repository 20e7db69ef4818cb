import type { ReactNode } from 'react';
import { PageFrame, SignInPrompt } from '../kit';
import { useSession } from '../session/useSession';

/** A page that is the resident's own (records, reports, a report's photos): signed out, the
 * sign-in prompt in its place; signed in, the page, whose hooks then always have an account. */
export function SignedInPage({
  title,
  prompt,
  children,
}: {
  title: string;
  prompt: string;
  children: () => ReactNode;
}) {
  const signedIn = useSession().status === 'signed-in';
  return (
    <PageFrame title={title} className="charging">
      {signedIn ? children() : <SignInPrompt text={prompt} />}
    </PageFrame>
  );
}
