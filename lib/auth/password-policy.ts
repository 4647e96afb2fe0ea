/** The password rule, apart from the hashing (lib/auth/password.ts) so the console's forms can load it too. */
export const MIN_PASSWORD_LENGTH = 10;
