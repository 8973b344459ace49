package web

import (
	"io"
	"net/http"
	"slices"
	"strings"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/custom"
	"github.com/unhunch/unhunch/message"
)

// shareRoutes are the pages that export and import the person's own
// exercises and routines (issue 20).
func (s *Server) shareRoutes() []route {
	return []route{
		{"GET", "/exercises/share", s.sharePage, nil},
		{"GET", "/exercises/export", s.exportOwn, nil},
		{"POST", "/exercises/import", s.importOwn, nil},
	}
}

// shareData is the page that exports and imports.
type shareData struct {
	Exercises int
	Routines  int
	Done      string   // what the last import brought
	Problems  []string // why the file was refused: file:line: entry: field: what
	Renames   []renameOffer
}

// renameOffer is an id of the file already in use, with a free one offered.
type renameOffer struct {
	ID, Offer string
}

func (s *Server) sharePage(w http.ResponseWriter, r *http.Request) error {
	return s.showShare(w, http.StatusOK, s.shareData())
}

// showShare renders the share page with d.
func (s *Server) showShare(w http.ResponseWriter, status int, d shareData) error {
	return s.render(w, status, "share", page{Title: message.Text(message.ShareTitle), Nav: "exercises", Data: d})
}

// shareData counts the saved exercises and routines in the catalog.
func (s *Server) shareData() shareData {
	var d shareData
	for _, e := range s.catalog().Exercises() {
		if e.Saved() {
			d.Exercises++
		}
	}
	for _, rt := range s.catalog().Routines() {
		if rt.Saved() {
			d.Routines++
		}
	}
	return d
}

// exportOwn downloads the saved exercises and routines: YAML, or a zip
// with their pictures.
func (s *Server) exportOwn(w http.ResponseWriter, r *http.Request) error {
	cj, err := s.needCustom()
	if err != nil {
		return err
	}
	entries, err := cj.CustomEntries(r.Context())
	if err != nil {
		return err
	}
	if len(entries) == 0 { // an empty file would say nothing; the page offers none
		return unhunch.E(unhunch.ENotFound, message.ShareNothingToGet)
	}
	pics, err := cj.AllPictures(r.Context())
	if err != nil {
		return err
	}
	data, zipped, err := custom.Export(entries, pics, s.now())
	if err != nil {
		return err
	}
	name, ctype := "unhunch-exercises.yaml", "application/yaml"
	if zipped {
		name, ctype = "unhunch-exercises.zip", "application/zip"
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	w.Write(data)
	return nil
}

// importOwn imports a file the person chose: everything in it, or, with
// any problem, nothing and the page again with every problem and a rename
// offered for each id already in use.
func (s *Server) importOwn(w http.ResponseWriter, r *http.Request) error {
	cj, err := s.needCustom()
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, custom.MaxFileBytes+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		return unhunch.E(unhunch.EInvalid, message.WebBadForm, err)
	}
	file, fh, err := r.FormFile("file")
	if err != nil {
		return unhunch.E(unhunch.EInvalid, message.ShareNoFile)
	}
	data, err := io.ReadAll(io.LimitReader(file, custom.MaxFileBytes+1))
	file.Close()
	if err != nil {
		return unhunch.E(unhunch.EInvalid, message.WebBadForm, err)
	}
	if len(data) > custom.MaxFileBytes {
		return unhunch.E(unhunch.EInvalid, message.ImportFileTooLarge, fh.Filename, len(data)>>20, custom.MaxFileBytes>>20)
	}
	rename := map[string]string{}
	for k, v := range r.PostForm {
		if id, ok := strings.CutPrefix(k, "rename."); ok && len(v) > 0 && strings.TrimSpace(v[0]) != "" {
			rename[id] = strings.TrimSpace(v[0])
		}
	}
	entries, err := cj.CustomEntries(r.Context())
	if err != nil {
		return err
	}
	base := s.builderWith(entries)
	name := fh.Filename
	if name == "" {
		name = "file"
	}
	batch, issues := custom.Check(base, name, data, rename)
	if len(issues) > 0 {
		d := s.shareData()
		for _, is := range issues {
			d.Problems = append(d.Problems, is.Error())
		}
		for _, id := range custom.Taken(issues) {
			if !slices.ContainsFunc(d.Renames, func(o renameOffer) bool { return o.ID == id }) {
				d.Renames = append(d.Renames, renameOffer{ID: id, Offer: custom.FreeID(s.catalog(), id)})
			}
		}
		return s.showShare(w, http.StatusBadRequest, d)
	}
	if err := cj.AddCustom(writeCtx(r), batch.Entries, batch.Pictures, s.now()); err != nil {
		return err
	}
	s.refreshCatalog(r)
	d := s.shareData()
	d.Done = message.Text(message.CatalogImported, name,
		message.Count(len(batch.Exercises), message.CountExercise, message.CountExercises),
		message.Count(len(batch.Routines), message.CountRoutine, message.CountRoutines), len(batch.Pictures))
	return s.showShare(w, http.StatusOK, d)
}
