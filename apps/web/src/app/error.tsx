"use client";

// Shown when a page fails to render: a generic message; the details are in the server log.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="py-16 text-center">
      <h1 className="text-3xl font-bold">Something went wrong</h1>
      <p className="mt-4 text-gray-600">Please try again in a moment.</p>
      <button
        type="button"
        onClick={reset}
        className="mt-6 rounded-md bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-900"
      >
        Try again
      </button>
    </div>
  );
}
