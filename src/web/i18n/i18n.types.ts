/**
 * The types of the message catalogues, apart from the catalogues: the Chinese catalogue is typed by the English
 * keys, and the translator by both, without either catalogue importing the module that loads them.
 */
import type { en } from './i18n.en.ts';

export const LANGS = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGS)[number];

export type MessageKey = keyof typeof en;

export type T = (key: MessageKey, params?: Record<string, string | number>) => string;
