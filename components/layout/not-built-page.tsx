import { Alert } from '@/components/ui/alert';
import { PageHeader } from './page-header';

/** A console page whose feature has not been built yet: its heading and what will appear there. */
export function NotBuiltPage({ title, description }: { title: string; description: string }) {
  return (
    <>
      <PageHeader title={title} />
      <Alert title="Not built yet">{description}</Alert>
    </>
  );
}
