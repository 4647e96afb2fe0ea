'use client';

import { useChannelOptions } from '@/components/channels/queries';
import { useUrlFilter } from '@/components/data/use-url-filter';
import { PageHeader } from '@/components/layout/page-header';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { Alert } from '@/components/ui/alert';
import { ClearFilters, FilterBar, SearchFilter, SelectFilter } from '@/components/ui/filter-bar';
import { invalidRecipientProviderSchema } from '@/lib/invalid-recipients/schemas';
import { InvalidRecipientsTable } from './invalid-recipients-table';
import { useInvalidRecipients } from './queries';

const URL_FILTERS = ['channel_id', 'provider', 'recipient'] as const;

/**
 * Recipients a push provider reported gone for good, per channel. Sends to them fail at once without a request;
 * the sending system should drop them. Admins clear an entry once a recipient is valid again. Filters live in
 * the URL (the channel page links here with its channel).
 */
export function InvalidRecipientsView() {
  const isAdmin = useIsAdmin();
  const [filter, setFilter] = useUrlFilter(URL_FILTERS);
  const recipients = useInvalidRecipients(filter);
  const channels = useChannelOptions();
  const pushChannels = (channels.data ?? []).filter((channel) => channel.type === 'push');

  return (
    <>
      <PageHeader
        title="Invalid recipients"
        description="Device tokens and push subscriptions the provider reported gone for good. Sends to them fail at once, without a request to the provider; remove them from the system that sends."
      />
      <FilterBar label="Invalid recipient filters">
        <SelectFilter
          id="invalid-channel"
          label="Channel"
          allLabel="All channels"
          value={filter.channel_id}
          onChange={(channel_id) => setFilter({ ...filter, channel_id })}
          options={pushChannels.map((channel) => ({ value: channel.id, label: channel.name }))}
        />
        <SelectFilter
          id="invalid-provider"
          label="Provider"
          allLabel="All providers"
          value={filter.provider}
          onChange={(provider) => setFilter({ ...filter, provider })}
          options={invalidRecipientProviderSchema.options}
        />
        <SearchFilter
          id="invalid-recipient"
          label="Recipient"
          placeholder="Exact token or endpoint"
          value={filter.recipient}
          onChange={(recipient) => setFilter({ ...filter, recipient })}
        />
        <ClearFilters shown={Object.keys(filter).length > 0} onClear={() => setFilter({})} />
      </FilterBar>
      {isAdmin ? null : <Alert>Viewers can see invalid recipients but cannot clear them.</Alert>}
      <InvalidRecipientsTable query={recipients} />
    </>
  );
}
