'use client';

import { ApiReferenceReact } from '@scalar/api-reference-react';
import '@scalar/api-reference-react/style.css';

/**
 * Scalar, bundled from node_modules (never its CDN build), with everything that would call out turned off:
 * default fonts (fonts.scalar.com), telemetry, the agent chat and MCP. "Try it" requests go straight to this
 * origin, so the console session cookie authenticates them.
 */
const configuration = {
  url: '/api/v1/openapi.json',
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
  showDeveloperTools: 'never',
  documentDownloadType: 'json',
  hideDarkModeToggle: true,
  forceDarkModeState: 'light',
} as const;

export default function ScalarReference() {
  return <ApiReferenceReact configuration={configuration} />;
}
