import { cn } from './cn';

// Rendered e-mail HTML is untrusted. `sandbox=""` turns on every restriction (no scripts, no same origin, no forms,
// no top navigation); the CSP also stops remote images and fonts, so opening a message in the console never fires
// a tracking pixel or leaks the operator's address to whoever wrote the template.
const CSP =
  '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:">';
// An e-mail is shown as a mail client shows it: on white, whatever the console's theme.
const LIGHT = '<meta name="color-scheme" content="light">';

/** HTML shown as a separate, locked-down document; never injected into the console page. */
export function SandboxedHtml({
  html,
  title,
  className,
}: {
  html: string;
  title: string;
  className?: string;
}) {
  return (
    <iframe
      title={title}
      sandbox=""
      referrerPolicy="no-referrer"
      srcDoc={`${CSP}${LIGHT}${html}`}
      className={cn(
        'h-80 w-full rounded-md border border-slate-200',
        className,
        'bg-[#fff] [color-scheme:light]',
      )}
    />
  );
}
