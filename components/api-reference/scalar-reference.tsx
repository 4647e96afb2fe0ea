'use client';

import { ApiReferenceReact } from '@scalar/api-reference-react';
import '@scalar/api-reference-react/style.css';

/**
 * Scalar's light theme draws secondary text (#8e8e8e) and the POST/DELETE/PUT method colours below WCAG AA's 4.5:1
 * on its white and grey surfaces. These darker shades keep its hues and reach at least 4.5:1 on both (sRGB values:
 * they also replace its display-p3 ones, being later and unlayered).
 */
const accessibleColours = `
.light-mode {
  --scalar-color-2: #595959;
  --scalar-color-3: #6b6b6b;
  --scalar-color-green: #05704b;
  --scalar-color-red: #b8000a;
  --scalar-color-yellow: #7a6000;
  --scalar-color-orange: #a83a00;
}`;

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
  customCss: accessibleColours,
} as const;

export default function ScalarReference() {
  return <ApiReferenceReact configuration={configuration} />;
}
