// The reader's preferences, kept in localStorage: highlights and entity underlines shown, and whether a
// mouse selection opens the tag picker.

function read(key: string, fallback: boolean): boolean {
  try {
    const v = localStorage.getItem(key);
    return v === null ? fallback : v === '1';
  } catch {
    return fallback;
  }
}

function write(key: string, value: boolean): void {
  try {
    localStorage.setItem(key, value ? '1' : '0');
  } catch {
    // Preferences are a convenience; a storage error must not disturb reading.
  }
}

export class ReaderPrefs {
  #highlights = $state(read('framelens.reader.highlights', true));
  #entities = $state(read('framelens.reader.entities', true));
  #pickerOnSelect = $state(read('framelens.reader.pickerOnSelect', true));

  get showHighlights(): boolean {
    return this.#highlights;
  }
  set showHighlights(v: boolean) {
    this.#highlights = v;
    write('framelens.reader.highlights', v);
  }

  get showEntities(): boolean {
    return this.#entities;
  }
  set showEntities(v: boolean) {
    this.#entities = v;
    write('framelens.reader.entities', v);
  }

  get pickerOnSelect(): boolean {
    return this.#pickerOnSelect;
  }
  set pickerOnSelect(v: boolean) {
    this.#pickerOnSelect = v;
    write('framelens.reader.pickerOnSelect', v);
  }
}
