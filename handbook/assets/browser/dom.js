// The page's elements, found and typed as the site's markup makes them (for the JSDoc types that
// `tsc` checks: querySelector alone gives `Element`, which has no dataset, value or hidden).

/** A form control as the generated forms write them. @typedef {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} Control */

/**
 * Every element under `root` that matches, as an array.
 * @template {Element} [T=HTMLElement]
 * @param {ParentNode} root
 * @param {string} selector
 * @returns {T[]}
 */
export const all = (root, selector) => /** @type {T[]} */ ([...root.querySelectorAll(selector)]);

/**
 * The first element under `root` that matches, or null.
 * @template {Element} [T=HTMLElement]
 * @param {ParentNode} root
 * @param {string} selector
 * @returns {T | null}
 */
export const one = (root, selector) => /** @type {T | null} */ (root.querySelector(selector));

/**
 * The element an event happened in, closest to it that matches (a click on a button's text).
 * @template {Element} [T=HTMLElement]
 * @param {Event} event
 * @param {string} selector
 * @returns {T | null}
 */
export const closest = (event, selector) =>
  event.target instanceof Element ? /** @type {T | null} */ (event.target.closest(selector)) : null;
