export interface NavItem {
  href: string;
  label: string;
}

export interface NavSection {
  label?: string;
  items: NavItem[];
}

export const NAV_SECTIONS: NavSection[] = [
  { items: [{ href: '/', label: 'Dashboard' }] },
  {
    label: 'Delivery',
    items: [
      { href: '/channels', label: 'Channels' },
      { href: '/triggers', label: 'Triggers' },
      { href: '/workflows', label: 'Workflows' },
      { href: '/messages', label: 'Messages' },
      { href: '/dead-letters', label: 'Dead letters' },
      { href: '/invalid-recipients', label: 'Invalid recipients' },
      { href: '/events', label: 'Events' },
    ],
  },
  {
    label: 'Administration',
    items: [
      { href: '/api-keys', label: 'API keys' },
      { href: '/users', label: 'Users' },
      { href: '/audit-log', label: 'Audit log' },
      { href: '/alerts', label: 'Alerts' },
      { href: '/health', label: 'Health' },
      { href: '/api-reference', label: 'API reference' },
    ],
  },
];

export function isActive(pathname: string, href: string): boolean {
  if (href === '/') return pathname === '/';
  return pathname === href || pathname.startsWith(`${href}/`);
}
