// GSM 03.38: the default alphabet plus its extension table (escaped, two septets each but still "text").
const GSM_7 =
  /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà^{}\\[~\]|€\f]*$/;

/**
 * Whether the text fits the GSM 7-bit alphabet. Vonage's SMS API sends `type=text` by default and then replaces
 * anything else (emoji, Cyrillic, curly quotes) with "?"; such texts must go as `type=unicode`.
 */
export function isGsm7(text: string): boolean {
  return GSM_7.test(text);
}
