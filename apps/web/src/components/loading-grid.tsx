/** Placeholder tiles while a list streams in; announced once to screen readers. */
export function LoadingGrid({ label, count = 4 }: { label: string; count?: number }) {
  return (
    <div role="status" aria-label={label} className="grid grid-cols-2 gap-4 md:grid-cols-4">
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="aspect-square animate-pulse rounded-lg bg-gray-100" />
      ))}
    </div>
  );
}
