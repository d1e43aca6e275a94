"use client";

import { useRouter } from "next/navigation";
import { useActionState, useId, useState, type FormEvent } from "react";

import { ActionButtons } from "~/components/admin/action-buttons";
import { fieldMessage, FormMessage, initialFormState, SubmitButton, TextField } from "~/components/form";
import { fieldErrorsOf, formProblem } from "~/lib/api-errors";
import { api } from "~/trpc/react";

import { deleteImage, moveImage, updateImageAlt } from "../actions";
import { ShopImage } from "~/components/shop-image";

export interface ImageView {
  id: string;
  url: string;
  alt: string;
  width: number;
  height: number;
}

/** One picture: a thumbnail, its text alternative, and moving or deleting it. */
export function ImageItem({
  productId,
  image,
  index,
  count,
}: {
  productId: string;
  image: ImageView;
  index: number;
  count: number;
}) {
  const [state, action] = useActionState(updateImageAlt, initialFormState);
  const name = `picture ${index + 1}`;
  const moves = [
    ...(index > 0
      ? [{ label: "Move up", name: "direction", value: "up", ariaLabel: `Move up (${name})` }]
      : []),
    ...(index < count - 1
      ? [{ label: "Move down", name: "direction", value: "down", ariaLabel: `Move down (${name})` }]
      : []),
  ];
  return (
    <li className="flex flex-wrap items-start gap-4 rounded-lg border border-gray-200 p-3">
      <ShopImage
        src={image.url}
        alt={image.alt}
        width={image.width}
        height={image.height}
        sizes="96px"
        className="size-24 rounded bg-gray-100 object-cover"
      />
      <div className="min-w-0 flex-1 space-y-2">
        <p className="text-sm text-gray-600">
          Picture {index + 1} of {count}
          {index === 0 ? " (shown on cards)" : ""} · {image.width}×{image.height}
        </p>
        <form
          action={action}
          noValidate
          aria-label={`Text of ${name}`}
          className="flex flex-wrap items-end gap-2"
        >
          <input type="hidden" name="productId" value={productId} />
          <input type="hidden" name="imageId" value={image.id} />
          <div className="min-w-48 flex-1">
            <TextField label="Alt text" name="alt" maxLength={250} defaultValue={image.alt} state={state} />
          </div>
          <SubmitButton variant="secondary" className="px-3 py-2 text-sm" aria-label={`Save text of ${name}`}>
            Save
          </SubmitButton>
          <div className="w-full">
            <FormMessage state={state.fieldErrors ? { message: state.message } : state} />
          </div>
        </form>
        <div className="flex flex-wrap gap-2">
          {moves.length > 0 && (
            <ActionButtons
              action={moveImage}
              hidden={{ productId, imageId: image.id }}
              label={`Move ${name}`}
              buttons={moves}
            />
          )}
          <ActionButtons
            action={deleteImage}
            hidden={{ productId, imageId: image.id }}
            label={`Delete ${name}`}
            buttons={[{ label: "Delete", variant: "danger", ariaLabel: `Delete ${name}` }]}
          />
        </div>
      </div>
    </li>
  );
}

const FIELDS = ["file", "alt"];

/**
 * Upload a picture: the file and its alt text go to admin.products.uploadImage as multipart form
 * data, straight from the browser (a server action would cap the body at 1 MB); the server judges
 * the bytes. The page is then read again to show it.
 */
export function ImageUpload({ productId }: { productId: string }) {
  const router = useRouter();
  const id = useId();
  const [done, setDone] = useState<string | null>(null);
  const upload = api.admin.products.uploadImage.useMutation({
    onSuccess: () => {
      setDone("Picture uploaded.");
      router.refresh();
    },
  });
  const errors = fieldErrorsOf(upload.error);
  const problem = upload.error ? formProblem(upload.error, FIELDS) : null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    data.set("productId", productId);
    setDone(null);
    upload.mutate(data, { onSuccess: () => form.reset() });
  }

  const fileErrors = errors.file ?? [];
  return (
    <form onSubmit={submit} noValidate aria-label="Upload a picture" className="max-w-xl space-y-3">
      <FormMessage state={problem ? { message: problem } : done ? { ok: true, message: done } : {}} />
      <div className="space-y-1">
        <label htmlFor={`${id}-file`} className="block text-sm font-medium">
          Picture
        </label>
        <input
          id={`${id}-file`}
          name="file"
          type="file"
          accept="image/png,image/jpeg,image/webp"
          aria-invalid={fileErrors.length > 0 ? true : undefined}
          aria-describedby={`${id}-file-hint${fileErrors.length > 0 ? ` ${id}-file-error` : ""}`}
          className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-gray-300 file:bg-white file:px-3 file:py-1.5"
        />
        <p id={`${id}-file-hint`} className="text-sm text-gray-500">
          PNG, JPEG or WebP, at most 5 MB.
        </p>
        {fileErrors.length > 0 && (
          <p id={`${id}-file-error`} className="text-sm text-red-700">
            {fileErrors.map((message) => fieldMessage("Picture", message)).join(" ")}
          </p>
        )}
      </div>
      <TextField
        label="Alt text"
        name="alt"
        maxLength={250}
        hint="What the picture shows, for people who cannot see it."
        state={{ fieldErrors: errors }}
      />
      <button
        type="submit"
        disabled={upload.isPending}
        className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 focus:outline-2 focus:outline-offset-2 focus:outline-brand-700 disabled:cursor-wait disabled:opacity-60"
      >
        {upload.isPending ? "Uploading…" : "Upload picture"}
      </button>
    </form>
  );
}
