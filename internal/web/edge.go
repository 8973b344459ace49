package web

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strings"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/message"
)

// edge is what every request meets before any handler runs: the security
// headers every response carries, the client's address and scheme from a
// trusted proxy, and the Host check.
func (s *Server) edge(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		setSecurityHeaders(w.Header(), r.URL.Path)
		if len(s.cfg.TrustProxy) > 0 {
			r = s.fromProxy(r)
		}
		if !s.allowedHost(r.Host) {
			s.refuseHost(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// httpsKey marks a request that reached a trusted proxy over HTTPS.
type httpsKey struct{}

// fromProxy believes X-Forwarded-For and X-Forwarded-Proto only when the
// connection comes from a trusted proxy (Config.TrustProxy): the client is
// the last address in X-Forwarded-For that is not a trusted proxy itself
// (each proxy appends the address it was reached from; what comes before
// it could have been sent by anyone). From anyone else the headers are
// dropped, so nothing further in can be misled by them.
func (s *Server) fromProxy(r *http.Request) *http.Request {
	remote := clientAddr(r)
	if !s.trusted(remote) {
		r.Header.Del("X-Forwarded-For")
		r.Header.Del("X-Forwarded-Proto")
		return r
	}
	var hops []string
	for _, v := range r.Header.Values("X-Forwarded-For") {
		hops = append(hops, strings.Split(v, ",")...)
	}
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break // a malformed hop: what is left of it is not to be believed
		}
		r.RemoteAddr = netip.AddrPortFrom(a.Unmap(), 0).String()
		if !s.trusted(a) {
			break
		}
	}
	if strings.EqualFold(strings.TrimSpace(r.Header.Get("X-Forwarded-Proto")), "https") {
		r = r.WithContext(context.WithValue(r.Context(), httpsKey{}, true))
	}
	return r
}

// trusted reports whether a is one of the trusted proxies.
func (s *Server) trusted(a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range s.cfg.TrustProxy {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// viaHTTPS reports whether the client reached the server over HTTPS: the
// server's own TLS, or a trusted proxy's.
func viaHTTPS(r *http.Request) bool {
	https, _ := r.Context().Value(httpsKey{}).(bool)
	return r.TLS != nil || https
}

// crossOrigin refuses state-changing requests (anything but GET, HEAD and
// OPTIONS) that a browser says come from another site (Sec-Fetch-Site, or
// Origin for older browsers): a form or script on another site cannot act
// with the person's session cookie. Scripts sending a token send neither
// header and pass. The public URL's origin is this site too, when a proxy
// hands the request on with another Host.
func (s *Server) crossOrigin(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	if s.cfg.PublicURL != "" {
		if u, err := url.Parse(s.cfg.PublicURL); err == nil && u.Host != "" {
			cop.AddTrustedOrigin(u.Scheme + "://" + u.Host) // checked by serve
		}
	}
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.log.WarnContext(r.Context(), "cross-origin request refused", "method", methodLabel(r.Method), "path", logPath(r.URL.Path),
			"origin", r.Header.Get("Origin"), "sec_fetch_site", r.Header.Get("Sec-Fetch-Site"))
		s.fail(w, r, unhunch.E(unhunch.EForbidden, message.WebCrossOrigin))
	}))
	return cop.Handler(next)
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
		return ip.Zone() == "" && (ip.Unmap().IsLoopback() || s.cfg.AnyIP)
	}
	return slices.Contains(s.cfg.PublicHosts, name)
}

// refuseHost answers a request for another host with 421 Misdirected
// Request and says why, as JSON under /api/ and as plain text elsewhere
// (never as a page: the name it quotes came from the request).
func (s *Server) refuseHost(w http.ResponseWriter, r *http.Request) {
	s.log.WarnContext(r.Context(), "request for another host refused", "host", r.Host, "method", methodLabel(r.Method), "path", logPath(r.URL.Path))
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
