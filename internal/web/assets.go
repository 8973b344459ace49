package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"slices"
	"sort"
	"strings"
	"text/template"

	"github.com/unhunch/unhunch"
)

//go:embed static templates/*.html
var files embed.FS

// asset is one embedded file served under a content-hashed name.
type asset struct {
	name, url, typ string
	body           []byte
	bd             *body // what is served: with its ETag, gzipped once
}

// assetSet holds the static files, by logical name and by hashed URL.
type assetSet struct {
	byName map[string]*asset
	byURL  map[string]*asset
	swTmpl *template.Template
	urls   []string // every hashed URL, for the service worker to keep
	hash   string   // a digest of every asset: the service worker's cache name
}

// loadAssets reads static/ and names each file by its content's hash, so it
// can be cached for ever: a changed file gets a new URL.
func loadAssets() (*assetSet, error) {
	set := &assetSet{byName: map[string]*asset{}, byURL: map[string]*asset{}}
	entries, err := fs.ReadDir(files, "static")
	if err != nil {
		return nil, unhunch.Errorf(unhunch.EInternal, "web: read assets: %w", err)
	}
	all := sha256.New()
	var names []string
	for _, e := range entries {
		if e.IsDir() || e.Name() == "sw.js" {
			continue
		}
		body, err := files.ReadFile("static/" + e.Name())
		if err != nil {
			return nil, unhunch.Errorf(unhunch.EInternal, "web: read asset %s: %w", e.Name(), err)
		}
		ext := path.Ext(e.Name())
		if ext == ".css" {
			body = stripCSSComments(body)
		}
		sum := sha256.Sum256(body)
		h := hex.EncodeToString(sum[:])[:12]
		a := &asset{name: e.Name(), url: "/assets/" + strings.TrimSuffix(e.Name(), ext) + "." + h + ext, body: body, typ: mime.TypeByExtension(ext)}
		if ext == ".webmanifest" {
			a.typ = "application/manifest+json"
		}
		a.bd = newBody(a.typ, body)
		set.byName[a.name], set.byURL[a.url] = a, a
		all.Write(sum[:])
		names = append(names, a.name)
	}
	sort.Strings(names)
	set.hash = hex.EncodeToString(all.Sum(nil))[:12]
	src, err := files.ReadFile("static/sw.js")
	if err != nil {
		return nil, unhunch.Errorf(unhunch.EInternal, "web: read service worker: %w", err)
	}
	t, err := template.New("sw").Delims("/*{{", "}}*/").Parse(string(src))
	if err != nil {
		return nil, unhunch.Errorf(unhunch.EInternal, "web: parse service worker: %w", err)
	}
	for _, n := range names {
		set.urls = append(set.urls, set.byName[n].url)
	}
	set.swTmpl = t
	return set, nil
}

// serviceWorker writes the service worker: it keeps every asset and the
// URLs given (Server.serviceWorker), in a cache named by both, so that a
// worker that keeps something else fills a cache of its own and drops the
// old one.
func (a *assetSet) serviceWorker(keep []string) ([]byte, error) {
	var buf bytes.Buffer
	sum := sha256.Sum256([]byte(strings.Join(keep, "\n")))
	version := a.hash + "-" + hex.EncodeToString(sum[:])[:8]
	if err := a.swTmpl.Execute(&buf, map[string]any{"Version": version, "Keep": append(slices.Clone(a.urls), keep...)}); err != nil {
		return nil, unhunch.Errorf(unhunch.EInternal, "web: service worker: %w", err)
	}
	return buf.Bytes(), nil
}

// URL returns the hashed URL of a static file by its name.
func (a *assetSet) URL(name string) string {
	if x, ok := a.byName[name]; ok {
		return x.url
	}
	return "/assets/missing/" + name
}

// assetRoutes serve the hashed files, the service worker and the manifest.
func (s *Server) assetRoutes() []route {
	return []route{
		{"GET", "/assets/{file}", func(w http.ResponseWriter, r *http.Request) error {
			a, ok := s.assets.byURL[r.URL.Path]
			if !ok {
				return notFound(messageNoAsset, r.URL.Path, nil)
			}
			a.bd.serve(w, r, http.StatusOK, "public, max-age=31536000, immutable")
			return nil
		}, nil},
		{"GET", "/sw.js", func(w http.ResponseWriter, r *http.Request) error {
			// Never cached by URL: the browser checks it for a new version.
			w.Header().Set("Service-Worker-Allowed", "/")
			sw, err := s.serviceWorker(r)
			if err != nil {
				return err
			}
			sw.serve(w, r, http.StatusOK, "no-cache")
			return nil
		}, nil},
	}
}

// stripCSSComments returns a style sheet without its comments (outside
// strings), which are for its readers, not for browsers: they were a tenth
// of app.css gzipped, enough to make it need a second write to the socket
// (net/http sends the first 4 KB of a response, headers included, in one).
func stripCSSComments(css []byte) []byte {
	out := make([]byte, 0, len(css))
	var quote byte
	for i := 0; i < len(css); i++ {
		c := css[i]
		switch {
		case quote != 0:
			if c == '\\' && i+1 < len(css) {
				out = append(out, c, css[i+1])
				i++
				continue
			}
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '/' && i+1 < len(css) && css[i+1] == '*':
			end := bytes.Index(css[i+2:], []byte("*/"))
			if end < 0 {
				return append(out, css[i:]...) // unterminated: left as it is
			}
			i += 2 + end + 1
			continue
		}
		out = append(out, c)
	}
	return out
}
