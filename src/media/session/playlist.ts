/** The frames of the files being played, in order: one cursor, no copying. */
export class Playlist {
  private files: readonly (readonly Buffer[])[] = [];
  private file = 0;
  private frame = 0;

  load(files: readonly (readonly Buffer[])[]): void {
    this.files = files;
    this.file = 0;
    this.frame = 0;
  }

  clear(): void {
    this.load([]);
  }

  /** The next 20 ms frame; files follow each other with no gap. Undefined at the end. */
  next(): Buffer | undefined {
    while (this.file < this.files.length) {
      const frames = this.files[this.file] as readonly Buffer[];
      if (this.frame < frames.length) return frames[this.frame++];
      this.file++;
      this.frame = 0;
    }
    return undefined;
  }
}
