import type { Metadata } from 'next';
import { NotBuiltPage } from '@/components/layout/not-built-page';

export const metadata: Metadata = { title: 'Dead letters' };

export default function DeadLettersPage() {
  return (
    <NotBuiltPage
      title="Dead letters"
      description="Deliveries that failed every retry, with a Retry button, arrive with the delivery pipeline."
    />
  );
}
