/** localStorage key of the day a trigger last opened the widget; written only when one fires. */
export const TRIGGER_KEY = 'chatcart:auto'

/** Today as the visitor's local date. */
export const today = () => new Date().toDateString()
