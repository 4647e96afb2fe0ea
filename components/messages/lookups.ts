import { useChannelOptions } from '@/components/channels/queries';
import { useWorkflowOptions } from '@/components/workflows/queries';

/** Channel and workflow names by id, for tables that only hold the ids. */
export function useNameLookups() {
  const channels = useChannelOptions().data ?? [];
  const workflows = useWorkflowOptions().data ?? [];
  const channelById = new Map(channels.map((channel) => [channel.id, channel]));
  const workflowById = new Map(workflows.map((workflow) => [workflow.id, workflow]));
  return { channels, workflows, channelById, workflowById };
}
