import type { Metadata } from 'next';
import { InvalidRecipientsView } from '@/components/invalid-recipients/invalid-recipients-view';

export const metadata: Metadata = { title: 'Invalid recipients' };
export const dynamic = 'force-dynamic';

/** The filters are read from the URL by the view itself. */
export default function InvalidRecipientsPage() {
  return <InvalidRecipientsView />;
}
