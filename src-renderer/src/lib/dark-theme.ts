// Its own chunk (imported only by `use-dark-theme`): Naive UI's dark theme carries the dark styles of
// every component it has, most of which FluxDeck never shows, so light windows never load it.
export { darkTheme } from 'naive-ui';
