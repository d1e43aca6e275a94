import { listMailbox, readMailEnv } from "@bazaar/mail";
import type { Metadata } from "next";
import Form from "next/form";
import { notFound } from "next/navigation";
import { Fragment } from "react";

import { getDb } from "~/server/db";
import { devMailboxEnabled } from "~/server/dev-mailbox";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Development mailbox", robots: { index: false } };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

/** The text with its http(s) links clickable; everything else stays text (React escapes it). */
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"]+)/g);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part} className="break-all text-brand-700 underline">
            {part}
          </a>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

// Mail the app kept in the database instead of sending (no SMTP_URL), newest first.
export default async function DevMailboxPage({ searchParams }: PageProps<"/dev/mailbox">) {
  if (!devMailboxEnabled({ NODE_ENV: process.env.NODE_ENV, SMTP_URL: readMailEnv().SMTP_URL })) notFound();
  const to = (first((await searchParams).to) ?? "").trim().slice(0, 254);
  const messages = await listMailbox(getDb(), { to: to || undefined, take: 50 });
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">Development mailbox</h1>
      <p className="text-gray-600">
        Mail the app would have sent. Only on a development server that has no SMTP_URL.
      </p>
      <Form action="/dev/mailbox" role="search" className="flex max-w-md gap-2">
        <label htmlFor="mailbox-to" className="sr-only">
          Recipient
        </label>
        <input
          id="mailbox-to"
          name="to"
          type="search"
          defaultValue={to}
          placeholder="Recipient's address"
          className="min-w-0 flex-1 rounded-md border border-gray-300 px-3 py-2"
        />
        <button
          type="submit"
          className="rounded-md border border-gray-300 px-4 py-2 font-medium hover:bg-gray-50"
        >
          Filter
        </button>
      </Form>
      {messages.length === 0 ? (
        <p>No mail{to ? ` for ${to}` : ""} yet.</p>
      ) : (
        <ol aria-label="Messages" className="space-y-4">
          {messages.map((message) => (
            <li key={message.id}>
              <article
                aria-labelledby={`mail-${message.id}`}
                className="rounded-md border border-gray-200 p-4"
              >
                <h2 id={`mail-${message.id}`} className="font-semibold">
                  {message.subject}
                </h2>
                <p className="text-sm text-gray-600">
                  To {message.to} ·{" "}
                  <time dateTime={message.createdAt.toISOString()}>{when.format(message.createdAt)} UTC</time>
                </p>
                <pre className="mt-3 font-sans text-sm whitespace-pre-wrap">
                  <Linkified text={message.text} />
                </pre>
              </article>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
