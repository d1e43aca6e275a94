import * as WebBrowser from "expo-web-browser";
import { Text, View } from "react-native";

import { layout, text } from "../../src/ui/theme";

// Where the shop sends the browser back after an OAuth sign-in. On the web build this page runs
// in the sign-in window and hands its address to the app's window, which closes it; on a phone
// the system browser returns the address to the app itself and this screen is not reached.
WebBrowser.maybeCompleteAuthSession();

export default function AuthCallbackScreen() {
  return (
    <View style={[layout.screen, layout.content]}>
      <Text style={text.body}>Finishing sign-in…</Text>
    </View>
  );
}
