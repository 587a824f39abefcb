// Limits of global search, shared by the /search route, its form and the palette.
export const MAX_QUERY_LENGTH = 200
export const MAX_PER_KIND = 20
export const DEFAULT_PER_KIND = 8
