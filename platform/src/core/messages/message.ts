import type { MessageId, MessageParams } from './catalogue.ts';
import { catalogue } from './catalogue.ts';

export type Language = 'en' | 'zh-CN';
export const LANGUAGES: readonly Language[] = ['en', 'zh-CN'];

/** A metadata label: the value of a `{label}` placeholder is rendered in the reader's language. */
export interface Label {
  en?: string;
  'zh-CN'?: string;
}

export type MessageParam = string | number | boolean | null | undefined | Label | Message | readonly MessageParam[];

/** A message of the catalogue with its parameters, rendered in a language only when it is sent. */
export class Message {
  constructor(
    readonly id: MessageId,
    readonly params: Readonly<Record<string, MessageParam>>,
  ) {}

  /** English, for logs and for code that reads `error.message`. */
  toString(): string {
    return renderMessage(this, 'en');
  }
}

/** `msg('record.notFound', { object, id })`: the placeholders of the English template are the parameters. */
export function msg<K extends MessageId>(id: K, ...params: keyof MessageParams<K> extends never ? [] : [MessageParams<K>]): Message {
  return new Message(id, (params[0] ?? {}) as Record<string, MessageParam>);
}

export function isMessage(value: unknown): value is Message {
  return value instanceof Message;
}

const isLabel = (value: object): value is Label => 'en' in value || 'zh-CN' in value;

function renderParam(value: MessageParam, lang: Language): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Message) return renderMessage(value, lang);
  if (Array.isArray(value)) return value.map((v) => renderParam(v as MessageParam, lang)).join(lang === 'zh-CN' ? '、' : ', ');
  if (typeof value === 'object') return isLabel(value) ? (value[lang] ?? value.en ?? value['zh-CN'] ?? '') : JSON.stringify(value);
  return String(value);
}

/** The message's template in `lang` with its placeholders filled; a label takes its text in the same language. */
export function renderMessage(message: Message, lang: Language): string {
  const template = catalogue[message.id] as { en: string; 'zh-CN': string } | undefined;
  if (!template) return message.id;
  return template[lang].replace(/\{(\w+)\}/g, (whole, key: string) => (key in message.params ? renderParam(message.params[key], lang) : whole));
}

/** A string or a catalogue message, in `lang`. */
export function render(text: string | Message, lang: Language): string {
  return typeof text === 'string' ? text : renderMessage(text, lang);
}

/** Messages joined into one label per language (for lists whose separator is part of the sentence). */
export function joined(messages: readonly Message[], separator: string, zhSeparator = separator): Label {
  return { en: messages.map((m) => renderMessage(m, 'en')).join(separator), 'zh-CN': messages.map((m) => renderMessage(m, 'zh-CN')).join(zhSeparator) };
}

/** A message rendered in every language, for text stored once and read later by people of either language. */
export function bothLanguages(message: Message): { en: string; 'zh-CN': string } {
  return { en: renderMessage(message, 'en'), 'zh-CN': renderMessage(message, 'zh-CN') };
}

/** A stored `{en, zh-CN}` text (or an older plain string) in `lang`, falling back to the other language. */
export function localizedText(stored: unknown, lang: Language): string {
  if (typeof stored === 'string') return stored;
  const text = (stored ?? {}) as Label;
  return text[lang] ?? text.en ?? text['zh-CN'] ?? '';
}
