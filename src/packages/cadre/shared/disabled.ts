/**
 * For Taro's `disabled` prop. On H5, React writes `disabled={false}` onto the web component as the
 * attribute disabled="false", and `[disabled]` styles (Taro's and app.css's `.btn[disabled]`) then grey
 * out a button that works. Undefined leaves the attribute off.
 */
export const disabledIf = (condition: boolean): true | undefined => (condition ? true : undefined)
