// Package webfuzz holds the fuzz targets of the web server's bodies,
// queries, forms and Host header. They live apart from internal/web's own
// tests so that a fuzzing build (which instruments every package it links)
// does not have to build the browser tests' dependencies too.
package webfuzz
