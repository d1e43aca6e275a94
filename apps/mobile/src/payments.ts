import * as WebBrowser from "expo-web-browser";

import { apiUrl } from "./env";

/**
 * The payment provider's page, in the system browser (a real provider's checkout must not run
 * inside the app). The order screen follows the payment live, so nothing is read back from here.
 */
export async function openPaymentPage(pagePath: string): Promise<void> {
  await WebBrowser.openBrowserAsync(apiUrl(pagePath));
}
