// Command bare is the baseline of the web load figures: a bare net/http
// handler answering a small page, run in the same session as unhunch serve.
package main

import (
	"net/http"
	"os"
)

func main() {
	page := []byte("<!doctype html><title>bare</title><p>hello</p>\n")
	http.ListenAndServe(os.Args[1], http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}))
}
