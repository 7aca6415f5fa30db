/**
 * What a phone field passes to Taro's Input so the phone opens its number pad. WeChat: type
 * 'number' (digits only; a landline is typed 07348160763 and stored 0734-8160763). H5: a text field
 * asking for the numeric keypad — `type=number` there would refuse "+86", spaces and dashes pasted
 * from a chat, and change the value on a scroll.
 */
export function phonePad(): { type: 'number' | 'text'; nativeProps?: Record<string, string> } {
  return process.env.TARO_ENV === 'h5' ? { type: 'text', nativeProps: { inputMode: 'numeric', autoComplete: 'tel' } } : { type: 'number' }
}
