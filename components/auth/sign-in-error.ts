/**
 * The message to show for a failed next-auth credentials sign-in. `authorize` throws a readable message,
 * which next-auth passes back as `error`; its generic codes get a sentence of their own.
 */
export function signInErrorMessage(error: string | null | undefined): string {
  if (!error || error === 'CredentialsSignin') return 'Invalid e-mail or password.';
  if (error === 'Configuration' || error === 'Callback')
    return 'Sign-in is not available right now. Try again.';
  return error;
}
