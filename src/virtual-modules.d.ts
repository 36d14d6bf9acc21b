declare module 'virtual:prasan-library' {
  const library: import('./ui/library-types').LibraryEntry[];
  export default library;
}

declare module 'virtual:prasan-scenario/*' {
  const scenario: import('./ui/library-types').PlayableScenario;
  export default scenario;
}
