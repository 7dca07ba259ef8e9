import { msg, type Label, type Message } from './message.ts';

/** A rule's own `{en, zh-CN}` message in both languages, each falling back to the other, then to the rule's name. */
export function ruleLabel(message: Label | undefined, name: string): Label {
  return { en: message?.en ?? message?.['zh-CN'] ?? name, 'zh-CN': message?.['zh-CN'] ?? message?.en ?? name };
}

/** A rule's own message as a catalogue message, so it is sent in the reader's language. */
export function ruleText(message: Label | undefined, name: string): Message {
  return msg('rule.message', { text: ruleLabel(message, name) });
}
