import type { Metadata } from 'next';
import { NotBuiltPage } from '@/components/layout/not-built-page';

export const metadata: Metadata = { title: 'Triggers' };

export default function TriggersPage() {
  return (
    <NotBuiltPage
      title="Triggers"
      description="Named triggers that start workflows from API calls, with their payload schema, arrive with the workflow engine."
    />
  );
}
