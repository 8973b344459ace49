package web

import (
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strings"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/message"
)

// edge is what every request meets before any handler runs: the security
// headers every response carries, and the Host check.
func (s *Server) edge(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		setSecurityHeaders(w.Header(), r.URL.Path)
		if !s.allowedHost(r.Host) {
			s.refuseHost(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// setSecurityHeaders sets the headers every response carries, JSON and
// assets included: no MIME sniffing (a JSON body or a figure is never run as
// a script or a page), no framing, no referrer, and no embedding by other
// sites (Cross-Origin-Resource-Policy). Pages and figures replace the
// Content-Security-Policy with their own; JSON and metrics may load nothing.
// The service worker keeps one without default-src, which would stop its
// fetches.
//
// The values are shared slices set straight into the map (keys in canonical
// form), which saves an allocation a header on every request; each has
// len == cap, so a handler that appends to one gets a copy.
func setSecurityHeaders(h http.Header, path string) {
	h["X-Content-Type-Options"] = nosniff
	h["X-Frame-Options"] = deny
	h["Referrer-Policy"] = noReferrer
	h["Cross-Origin-Resource-Policy"] = sameOrigin
	if strings.HasPrefix(path, "/api/") || operational(path) {
		h["Content-Security-Policy"] = cspNone
	} else {
		h["Content-Security-Policy"] = cspNoFrames
	}
}

// Header values every response shares (setSecurityHeaders).
var (
	nosniff     = []string{"nosniff"}
	deny        = []string{"DENY"}
	noReferrer  = []string{"no-referrer"}
	sameOrigin  = []string{"same-origin"}
	cspNone     = []string{"default-src 'none'; frame-ancestors 'none'"}
	cspNoFrames = []string{"frame-ancestors 'none'"}
)

// allowedHost reports whether a request's Host names this server: a
// loopback name or address (the server listens on loopback only: there
// are no accounts yet), or one of the configured public names. A web page
// whose own domain was made to resolve to 127.0.0.1 (DNS rebinding) sends
// that domain here,
// and its requests look same-origin to the browser, so neither CORS nor
// cross-origin protection can tell them apart: only the Host can.
//
// Only "localhost" itself counts as a name (never names under it, nor with
// a trailing dot), since other names may be resolved by DNS; any loopback
// IP literal counts, since no DNS is involved. The port, when given, must
// be a number; which one does not matter.
func (s *Server) allowedHost(host string) bool {
	name, port := host, ""
	if h, p, err := net.SplitHostPort(host); err == nil {
		name, port = h, p
	} else if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		name = host[1 : len(host)-1]
	} else if strings.Contains(host, ":") {
		return false // an IPv6 address without brackets is no Host a browser sends
	}
	if strings.Trim(port, "0123456789") != "" || name == "" {
		return false
	}
	name = strings.ToLower(name)
	if name == "localhost" {
		return true
	}
	if ip, err := netip.ParseAddr(name); err == nil {
		return ip.Zone() == "" && ip.Unmap().IsLoopback()
	}
	return slices.Contains(s.cfg.PublicHosts, name)
}

// refuseHost answers a request for another host with 421 Misdirected
// Request and says why, as JSON under /api/ and as plain text elsewhere
// (never as a page: the name it quotes came from the request).
func (s *Server) refuseHost(w http.ResponseWriter, r *http.Request) {
	s.log.WarnContext(r.Context(), "request for another host refused", "host", r.Host, "method", methodLabel(r.Method), "path", r.URL.Path)
	port := "PORT"
	if _, p, err := net.SplitHostPort(r.Host); err == nil && p != "" && strings.Trim(p, "0123456789") == "" {
		port = p
	}
	err := unhunch.E(unhunch.EInvalid, message.WebWrongHost, r.Host, port)
	if strings.HasPrefix(r.URL.Path, "/api/") {
		// A status no code gives: the request reached the wrong server.
		writeError(w, http.StatusMisdirectedRequest, err)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusMisdirectedRequest)
	w.Write([]byte(err.Message + "\n"))
}

// methods are the request methods metrics name; any other is "other", so
// that made-up methods cannot add series without bound.
var methods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
	http.MethodDelete, http.MethodOptions}

// methodLabel is the metrics and log label of a request method.
func methodLabel(m string) string {
	if slices.Contains(methods, m) {
		return m
	}
	return "other"
}
