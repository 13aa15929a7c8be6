// One HTTP interaction's responses. The first one is the HTTP response itself (the interaction callback, no REST
// call); later ones, or any after the deferral when the pipeline is slow, go through the interaction's webhook
// (follow-up messages, or an edit of the original), which needs the interaction token and no bot token.
import { InteractionResponseType, Routes, type REST } from "discord.js";
import type { DiscordMessage } from "../render.js";

/**
 * Discord fails an interaction that gets no callback within 3 seconds; past this, aistack sends the deferral
 * ("thinking…" for a command, a silent acknowledgement for a button) and finishes through the webhook.
 */
export const DEFER_AFTER_MS = 2_000;

export interface CallbackBody {
  type: InteractionResponseType;
  data?: unknown;
}

type State = "open" | "deferred" | "answered";

export class InteractionResponder {
  private state: State = "open";
  private settle!: (body: CallbackBody) => void;
  /** the HTTP response body: resolves with the first response, or the deferral */
  readonly callback: Promise<CallbackBody>;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly rest: REST,
    private readonly applicationId: string,
    private readonly token: string,
    /** a component (button): its deferral acknowledges silently, and "update" edits the message it is on */
    private readonly component: boolean,
    deferAfterMs = DEFER_AFTER_MS,
  ) {
    this.callback = new Promise((resolve) => (this.settle = resolve));
    this.timer = setTimeout(() => this.defer(), deferAfterMs);
    this.timer.unref();
  }

  get responded(): boolean {
    return this.state !== "open";
  }

  /** A message: the reply to the interaction, or a follow-up once it has one. */
  async message(msg: DiscordMessage): Promise<void> {
    if (this.first({ type: InteractionResponseType.ChannelMessageWithSource, data: msg })) return;
    // a command's deferral is the "thinking…" message: the answer replaces it; anything else is a follow-up
    if (this.state === "deferred" && !this.component && !this.editedOriginal) {
      this.editedOriginal = true;
      await this.editOriginal(msg);
      return;
    }
    await this.rest.post(Routes.webhook(this.applicationId, this.token), { body: msg, auth: false });
  }

  /** The message the pressed button is on, replaced in place. */
  async update(msg: DiscordMessage): Promise<void> {
    const { flags: _flags, ...page } = msg;
    if (this.first({ type: InteractionResponseType.UpdateMessage, data: page })) return;
    await this.editOriginal(msg);
  }

  /** Nothing to say: a button is acknowledged without a change. */
  silent(): void {
    if (this.component) this.first({ type: InteractionResponseType.DeferredMessageUpdate });
  }

  /** Autocomplete answers at once, never deferred. */
  choices(choices: { name: string; value: string }[]): void {
    this.first({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } });
  }

  done(): void {
    clearTimeout(this.timer);
  }

  private editedOriginal = false;

  private first(body: CallbackBody): boolean {
    if (this.state !== "open") return false;
    this.state = "answered";
    clearTimeout(this.timer);
    this.settle(body);
    return true;
  }

  private defer(): void {
    if (this.state !== "open") return;
    this.state = "deferred";
    this.settle(
      this.component
        ? { type: InteractionResponseType.DeferredMessageUpdate }
        : // a command's answers are ephemeral, so its "thinking…" is too
          { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: 64 } },
    );
  }

  private async editOriginal(msg: DiscordMessage): Promise<void> {
    const { flags: _flags, ...body } = msg;
    await this.rest.patch(Routes.webhookMessage(this.applicationId, this.token, "@original"), { body, auth: false });
  }
}
