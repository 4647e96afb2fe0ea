/** The dashboard's shape while its first figures load, so nothing moves when they arrive. */
export function StatsSkeleton() {
  const tile = (key: number) => (
    <div key={key} className="h-[74px] rounded-md border border-slate-200 bg-white px-3 py-2">
      <div className="h-3 w-16 rounded bg-slate-200 motion-safe:animate-pulse" />
      <div className="mt-2 h-6 w-12 rounded bg-slate-200 motion-safe:animate-pulse" />
    </div>
  );
  return (
    <div className="flex flex-col gap-4">
      <p role="status" className="sr-only">
        Loading delivery figures…
      </p>
      <div aria-hidden className="grid grid-cols-2 gap-2 sm:grid-cols-4 xl:grid-cols-8">
        {Array.from({ length: 8 }, (_, i) => tile(i))}
      </div>
      <div aria-hidden className="grid gap-4 lg:grid-cols-3">
        <div className="h-[380px] rounded-lg border border-slate-200 bg-white lg:col-span-2" />
        <div className="h-[380px] rounded-lg border border-slate-200 bg-white" />
      </div>
    </div>
  );
}
