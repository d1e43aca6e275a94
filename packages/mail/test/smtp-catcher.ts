// A real SMTP server on loopback for tests: it accepts every message and keeps it parsed.
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface CaughtMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  from: string;
}

/**
 * `port` 0 (the default) takes any free port; `url` says which. While `unavailable` is set, it
 * answers every connection with 421 (service not available, try later) and hangs up, as a mail
 * server down for maintenance does.
 */
export async function startSmtpCatcher(options: { port?: number } = {}) {
  const messages: CaughtMail[] = [];
  const state = { unavailable: false, refused: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onConnect(_session, callback) {
      if (!state.unavailable) return callback();
      state.refused += 1;
      callback(Object.assign(new Error("Service not available, try again later"), { responseCode: 421 }));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail: ParsedMail) => {
          messages.push({
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            from: mail.from?.text ?? "",
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            html: typeof mail.html === "string" ? mail.html : "",
          });
          callback();
        })
        .catch((error: unknown) => callback(error as Error));
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const address = server.server.address();
  if (!address || typeof address === "string") throw new Error("SMTP catcher has no port");
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    messages,
    /** Refuse connections (421) while true. */
    set unavailable(value: boolean) {
      state.unavailable = value;
    },
    /** Connections refused so far. */
    get refused() {
      return state.refused;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
