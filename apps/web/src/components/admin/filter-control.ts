/** The frame of a list page's filter inputs and selects; pages add width and invalid states. */
export const filterControl = "rounded-md border border-gray-300 bg-white px-3 py-2";
