import Link from "next/link";

export default function NotFound() {
  return (
    <div className="py-16 text-center">
      <h1 className="text-3xl font-bold">Page not found</h1>
      <p className="mt-4 text-gray-600">We could not find what you were looking for.</p>
      <Link href="/" className="mt-6 inline-block font-medium text-brand-700 hover:underline">
        Back to the shop
      </Link>
    </div>
  );
}
