// next/image's resizing and srcset, without the inline `style` attribute it writes on every
// <img> (`color: transparent`, and the positioning of `fill`). The pages' CSP refuses style
// attributes (server/security/headers.ts), so those styles come from classes instead.
/* eslint-disable @next/next/no-img-element -- getImageProps gives next/image's own attributes */
import { getImageProps, type ImageProps } from "next/image";

export function ShopImage({ className, fill, ...props }: ImageProps) {
  const {
    props: { style: _inlineStyle, ...imageProps },
  } = getImageProps({ ...props, fill });
  const layout = fill ? "absolute inset-0 h-full w-full" : "";
  return (
    <img
      {...imageProps}
      alt={props.alt}
      className={[layout, "text-transparent", className].filter(Boolean).join(" ")}
    />
  );
}
