'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn';
import { isActive, NAV_SECTIONS } from './nav-items';

export function SidebarNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-4">
      {NAV_SECTIONS.map((section, index) => (
        <div key={section.label ?? index} className="flex flex-col gap-0.5">
          {section.label ? (
            <p className="px-2 pb-1 text-[11px] font-medium uppercase tracking-wider text-slate-600">
              {section.label}
            </p>
          ) : null}
          {section.items.map((item) => {
            const active = isActive(pathname, item.href);
            return (
              <Link
                key={item.href}
                href={item.href}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'rounded-md px-2 py-1.5 text-sm text-slate-600 transition-colors hover:bg-slate-200/60 hover:text-slate-900',
                  active && 'bg-white font-medium text-slate-900 shadow-xs ring-1 ring-slate-200',
                )}
              >
                {item.label}
              </Link>
            );
          })}
        </div>
      ))}
    </nav>
  );
}
