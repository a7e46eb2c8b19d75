import { html, type SafeHtml } from '#shared/email/html.ts';
import type { Language } from '#shared/email/schemas.ts';

export interface RenderContext {
  language: Language;
  footer: string;
  /** The notification id, shown in every message so staff and recipients can refer to it. */
  reference: string;
}

const referenceLabel = { en: 'Reference', fr: 'Référence' } as const;

/** The frame every message shares: a plain text footer and a simple, accessible HTML page. */
export function frame(context: RenderContext, subject: string, text: string, body: SafeHtml) {
  const reference = `${referenceLabel[context.language]}: ${context.reference}`;
  return {
    subject,
    text: `${text.trim()}\n\n--\n${context.footer}\n${reference}\n`,
    html: html`<!doctype html><html lang="${context.language}"><head><meta charset="utf-8"><title>${subject}</title></head><body style="font-family: Arial, sans-serif; color: #1a1a1a; line-height: 1.5; max-width: 40rem">${body}<hr><p style="color: #4a4a4a; font-size: 0.9em">${context.footer}<br>${reference}</p></body></html>`.value,
  };
}
