declare module 'virtual:prasan-library' {
  const library: import('./ui/library-types').LibraryEntry[];
  export default library;
}
