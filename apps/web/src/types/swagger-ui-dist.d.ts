// swagger-ui-dist ships no types; the app uses only this helper, which names the package's folder.
declare module "swagger-ui-dist/absolute-path.js" {
  export default function getAbsoluteFSPath(): string;
}
