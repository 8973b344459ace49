// Package fhirfuzz holds the fuzz target of the FHIR import's parser
// (fhir.Read). It lives apart from internal/fhir's own tests, which open
// real journals, so that a fuzzing build (which instruments every package it
// links) does not build the database too.
package fhirfuzz
