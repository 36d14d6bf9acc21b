declare module 'virtual:prasan-library' {
  const library: import('./library/entry').LibraryEntry[];
  export default library;
}

declare module 'virtual:prasan-scenario/*' {
  const scenario: import('./library/entry').PlayableScenario;
  export default scenario;
}
