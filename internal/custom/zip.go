package custom

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/picture"
	"github.com/unhunch/unhunch/message"
)

// CatalogName is the YAML's name inside an export zip; pictures sit beside
// it as pictures/EXERCISE-ID/N.png (or .jpg), N from 1.
const CatalogName = "unhunch-catalog.yaml"

// MaxFileBytes is the largest file an import reads: the YAML and every
// picture it may have, compressed or not.
const MaxFileBytes = 64 << 20

// maxZipFiles is the most files an import zip may hold: the YAML and three
// pictures for each exercise it may have.
const maxZipFiles = 1 + MaxPictures*catalog.MaxImportEntries

// IsZip reports whether data starts as a zip file does.
func IsZip(data []byte) bool { return bytes.HasPrefix(data, []byte("PK\x03\x04")) }

// readZip reads an export zip: the YAML and each exercise's pictures, every
// file read through a limit, so that a zip bomb stops at the limit.
func readZip(name string, data []byte) ([]byte, map[string][][]byte, []catalog.Issue) {
	fail := func(k message.Key, args ...any) ([]byte, map[string][][]byte, []catalog.Issue) {
		return nil, nil, []catalog.Issue{{File: name, Message: message.Text(k, args...)}}
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fail(message.ImportBadZip, err)
	}
	if len(zr.File) > maxZipFiles {
		return fail(message.ImportZipTooMany, len(zr.File), maxZipFiles)
	}
	var yml []byte
	pics := map[string][][]byte{}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		limit := int64(picture.MaxBytes)
		if f.Name == CatalogName {
			limit = catalog.MaxImportBytes
		}
		body, err := readLimited(f, limit)
		if err != nil {
			return fail(message.ImportZipFile, f.Name, err)
		}
		switch {
		case f.Name == CatalogName:
			yml = body
		case strings.HasPrefix(f.Name, "pictures/"):
			dir, file := path.Split(strings.TrimPrefix(f.Name, "pictures/"))
			n, err := strconv.Atoi(strings.TrimSuffix(file, path.Ext(file)))
			id := strings.TrimSuffix(dir, "/")
			if err != nil || n < 1 || n > MaxPictures || id == "" || strings.Contains(id, "/") {
				return fail(message.ImportZipStray, f.Name)
			}
			for len(pics[id]) < n {
				pics[id] = append(pics[id], nil)
			}
			pics[id][n-1] = body
		default:
			return fail(message.ImportZipStray, f.Name)
		}
	}
	if yml == nil {
		return fail(message.ImportZipNoCatalog, CatalogName)
	}
	return yml, pics, nil
}

func readLimited(f *zip.File, limit int64) ([]byte, error) {
	if f.UncompressedSize64 > uint64(limit) {
		return nil, fmt.Errorf("%s", message.Text(message.ImportZipTooLarge, limit>>20))
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	body, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(body)) > limit { // the header understated it
		return nil, fmt.Errorf("%s", message.Text(message.ImportZipTooLarge, limit>>20))
	}
	return body, nil
}

// checkPictures checks each picture of the zip (under the exercise's id as
// written in the file) and returns them re-encoded under the id saved.
func checkPictures(name string, pics map[string][][]byte, exercises []*catalog.Exercise, rename map[string]string) ([]Picture, []catalog.Issue) {
	var out []Picture
	var issues []catalog.Issue
	for id, list := range pics {
		newID := id
		if r, ok := rename[id]; ok {
			newID = r
		}
		found := false
		for _, e := range exercises {
			found = found || e.ID == newID
		}
		if !found {
			issues = append(issues, catalog.Issue{File: name, Message: message.Text(message.ImportZipNoExercise, id)})
			continue
		}
		for i, data := range list {
			if data == nil {
				issues = append(issues, catalog.Issue{File: name, Message: message.Text(message.ImportZipGap, id, i+1)})
				continue
			}
			p, err := picture.Check(data)
			if err != nil {
				issues = append(issues, catalog.Issue{File: fmt.Sprintf("%s: pictures/%s/%d", name, id, i+1), Message: message.Text(message.ImportZipPicture, err)})
				continue
			}
			out = append(out, Picture{ExerciseID: newID, N: i, MediaType: p.MediaType, Width: p.Width, Height: p.Height, Data: p.Data})
		}
	}
	sortPictures(out)
	return out, issues
}

func sortPictures(ps []Picture) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && (ps[j].ExerciseID < ps[j-1].ExerciseID || ps[j].ExerciseID == ps[j-1].ExerciseID && ps[j].N < ps[j-1].N); j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

// ext returns the file ending of a stored picture's media type.
func ext(mediaType string) string {
	if mediaType == "image/jpeg" {
		return ".jpg"
	}
	return ".png"
}

// Export writes the person's own exercises and routines as the YAML of
// docs/catalog.md, with a first comment line saying when; with pictures,
// a zip of that YAML (CatalogName) and the pictures. zipped says which.
func Export(entries []Entry, pictures []Picture, at time.Time) (data []byte, zipped bool, err error) {
	recs, err := Decode(entries)
	if err != nil {
		return nil, false, err
	}
	body, err := catalog.Marshal(recs)
	if err != nil {
		return nil, false, err
	}
	yml := append([]byte("# "+message.Text(message.ExportHeader, at.UTC().Format(time.RFC3339))+"\n"), body...)
	if len(recs.Exercises)+len(recs.Routines) == 0 {
		yml = append(yml[:len(yml)-len(body)], "exercises: []\n"...)
	}
	if len(pictures) == 0 {
		return yml, false, nil
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	write := func(name string, data []byte) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: at.UTC()})
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}
	if err := write(CatalogName, yml); err != nil {
		return nil, false, err
	}
	sortPictures(pictures)
	for _, p := range pictures {
		if err := write(fmt.Sprintf("pictures/%s/%d%s", p.ExerciseID, p.N+1, ext(p.MediaType)), p.Data); err != nil {
			return nil, false, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, false, err
	}
	return buf.Bytes(), true, nil
}
