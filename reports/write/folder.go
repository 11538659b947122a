package write

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"

	"github.com/google/renameio/v2/maybe"
)

// Folder writes files (slash-separated paths relative to dir → contents)
// into the folder dir with the same safety as Write: the files and the
// marker go into a temporary folder beside dir that is renamed into place,
// an existing dir is replaced only if it carries MarkerFile (or is empty),
// and a failure leaves no trace. It is for outputs other than a run's
// report, such as a comparison or a sweep. Files are written in name
// order; a name that is not a clean relative path is an error.
func Folder(dir string, files map[string][]byte) error {
	if dir == "" {
		return errors.New("write: no output folder given")
	}
	if len(files) == 0 {
		return errors.New("write: no files to write")
	}
	names := slices.Sorted(maps.Keys(files))
	list := make([]file, 0, len(names)+1)
	for _, name := range names {
		if !filepath.IsLocal(filepath.FromSlash(name)) || name != path.Clean(name) || name == MarkerFile {
			return fmt.Errorf("write: file name %q: want a clean relative path inside the folder, other than %s", name, MarkerFile)
		}
		list = append(list, file{name, files[name]})
	}
	list = append(list, file{MarkerFile, []byte(markerText)})
	if err := install(filepath.Clean(dir), list); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

// File writes data to the file path atomically, creating its folder: the
// data goes into a temporary file beside path, is synced and renamed over
// it, so a reader (or the next run after a kill) sees the old file or the
// new one, never half of one. It is for single files such as baselines and
// JUnit results; reports are folders and go through Write and Folder.
func File(path string, data []byte) error {
	if path == "" {
		return errors.New("write: no file name given")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	if info, err := os.Lstat(path); err == nil && info.IsDir() {
		return fmt.Errorf("write: %s is a folder, not a file", path)
	}
	if err := maybe.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}
