package cli

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/logbuf"
	"github.com/unhunch/unhunch/internal/rectime"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/internal/web"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
)

// serveFlags are the options of `unhunch serve`.
type serveFlags struct {
	addr  string
	scale float64
	sweep time.Duration // how often to sweep for interrupted sessions

	// Serving beyond loopback, once accounts exist (issue 17).
	tlsCert, tlsKey string   // the server's own HTTPS: both or neither
	trustProxy      []string // reverse proxies whose X-Forwarded-* count
	publicURL       string   // where people open the server
}

func (a *app) serveCommand() *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: message.Text(message.HelpServe),
		Long:  message.Text(message.HelpServeLong),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return a.serve(ctx, f)
		},
	}
	cmd.Flags().StringVar(&f.addr, "addr", "127.0.0.1:8080", message.Text(message.FlagAddr))
	cmd.Flags().Float64Var(&f.scale, "time-scale", 1, message.Text(message.FlagTimeScale))
	// For tests, which must not wait half a minute for a sweep.
	cmd.Flags().DurationVar(&f.sweep, "sweep-every", journal.Renew, message.Text(message.FlagSweepEvery))
	cmd.Flags().MarkHidden("sweep-every")
	cmd.Flags().StringVar(&f.tlsCert, "tls-cert", "", message.Text(message.FlagTLSCert))
	cmd.Flags().StringVar(&f.tlsKey, "tls-key", "", message.Text(message.FlagTLSKey))
	cmd.Flags().StringSliceVar(&f.trustProxy, "trust-proxy", nil, message.Text(message.FlagTrustProxy))
	cmd.Flags().StringVar(&f.publicURL, "public-url", "", message.Text(message.FlagServePublicURL))
	return cmd
}

// checkAddr returns an EInvalid error unless addr is HOST:PORT, and
// whether it is on a loopback address.
func checkAddr(addr string) (loopback bool, err error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return false, unhunch.E(unhunch.EInvalid, message.ServeBadAddr, addr, err)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 || strings.TrimLeft(port, "0123456789") != "" {
		return false, unhunch.E(unhunch.EInvalid, message.ServeBadPort, addr, port)
	}
	if host == "localhost" {
		return true, nil
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback(), nil
}

// beyond is how `unhunch serve` reaches people beyond loopback: its own
// TLS, or a trusted reverse proxy, and the address people open.
type beyond struct {
	cert      *tls.Certificate // nil: plain HTTP
	proxies   []netip.Prefix
	publicURL *url.URL // nil: none given
}

// checkBeyond reads the flags of serving beyond loopback, refusing what
// cannot work with a message that says what to give instead.
func checkBeyond(f serveFlags) (beyond, error) {
	var b beyond
	if (f.tlsCert == "") != (f.tlsKey == "") {
		return b, unhunch.E(unhunch.EInvalid, message.ServeTLSPair)
	}
	if f.tlsCert != "" {
		for _, p := range []string{f.tlsCert, f.tlsKey} {
			if _, err := os.Stat(p); err != nil {
				return b, unhunch.E(unhunch.EInvalid, message.ServeTLSUnreadable, p, err)
			}
		}
		cert, err := tls.LoadX509KeyPair(f.tlsCert, f.tlsKey)
		if err != nil {
			return b, unhunch.E(unhunch.EInvalid, message.ServeTLSBad, f.tlsCert, f.tlsKey, err)
		}
		b.cert = &cert
	}
	for _, s := range f.trustProxy {
		s = strings.TrimSpace(s)
		if p, err := netip.ParsePrefix(s); err == nil {
			// Whoever the range holds is believed about who is asking: a
			// range as wide as the internet would let anyone pass the
			// per-address sign-in limit (security review of issue 17).
			if widest := map[bool]int{true: 8, false: 32}[p.Addr().Unmap().Is4()]; p.Bits() < widest {
				return b, unhunch.E(unhunch.EInvalid, message.ServeProxyTooWide, s, widest)
			}
			b.proxies = append(b.proxies, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(s)
		if err != nil || a.Zone() != "" {
			return b, unhunch.E(unhunch.EInvalid, message.ServeBadProxy, s)
		}
		b.proxies = append(b.proxies, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	if f.publicURL != "" {
		u, err := url.Parse(f.publicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" || u.User != nil ||
			(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
			return b, unhunch.E(unhunch.EInvalid, message.ServeBadPublicURL, f.publicURL)
		}
		u.Path = ""
		b.publicURL = u
	}
	if len(b.proxies) > 0 && b.publicURL == nil {
		return b, unhunch.E(unhunch.EInvalid, message.ServeProxyNeedsURL)
	}
	return b, nil
}

// config fills in the web server's settings for serving beyond loopback.
func (b beyond) config(cfg *web.Config, loopback bool) {
	cfg.TrustProxy = b.proxies
	cfg.AnyIP = !loopback
	cfg.SecureCookies = b.cert != nil
	if b.publicURL != nil {
		cfg.PublicURL = b.publicURL.String()
		cfg.PublicHosts = []string{strings.ToLower(b.publicURL.Hostname())}
		cfg.SecureCookies = cfg.SecureCookies || b.publicURL.Scheme == "https"
	}
}

// opens reports whether the flags reach beyond this computer: another
// address, a proxy or a public name.
func (b beyond) opens(loopback bool) bool {
	return !loopback || len(b.proxies) > 0 || b.publicURL != nil
}

// CheckLoopback returns an EInvalid error unless addr is HOST:PORT on a
// loopback address: without accounts, the journal must not be reachable
// from another machine.
func CheckLoopback(addr string) error {
	loopback, err := checkAddr(addr)
	if err == nil && !loopback {
		err = unhunch.E(unhunch.EInvalid, message.ServeNotLoopback, addr)
	}
	return err
}

// serve runs the web app until ctx ends, then lets requests under way
// finish (up to 10 s) and saves what is queued for the journal.
func (a *app) serve(ctx context.Context, f serveFlags) error {
	if f.scale <= 0 || f.scale > 1000 || f.scale != f.scale {
		return unhunch.E(unhunch.EInvalid, message.ServeBadScale, f.scale)
	}
	loopback, err := checkAddr(f.addr)
	if err != nil {
		return err
	}
	out, err := checkBeyond(f)
	if err != nil {
		return err
	}
	c, err := a.catalog()
	if err != nil {
		return err
	}
	st, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	// UNHUNCH_RECTIME=FILE times the phases of recording an outcome and
	// writes their summary to FILE when the server stops (issue 16).
	if file := a.env.Getenv("UNHUNCH_RECTIME"); file != "" {
		stop := rectime.Start(file)
		defer func() {
			if err := stop(); err != nil {
				fmt.Fprintln(a.env.Stderr, err)
			}
		}()
	}
	if out.opens(loopback) {
		// Without accounts, anyone who reached the server would have the
		// journal: beyond loopback needs sign-in, and HTTPS to carry it.
		has, err := st.HasAccounts(ctx)
		if err != nil {
			return err
		}
		if !has {
			return unhunch.E(unhunch.EInvalid, message.ServeNeedAccounts, f.addr)
		}
		if !loopback && out.cert == nil && len(out.proxies) == 0 {
			return unhunch.E(unhunch.EInvalid, message.ServeNeedHTTPS, f.addr)
		}
	}
	// Request logs are gathered and written out five times a second: one
	// write a line cost more than the rest of serving a cached page.
	logs := logbuf.New(a.env.Stderr, 200*time.Millisecond)
	defer logs.Close()
	log := slog.New(web.NewLogHandler(logs)) // slog.JSONHandler's lines, made quicker
	// The first requests find connections ready (PostgreSQL) instead of
	// each opening one; listening does not wait for it. A store it could
	// not warm works all the same (connections are readied as first used),
	// so a failure is a warning, and none when serve is stopping.
	go func() {
		if err := st.Warm(ctx); err != nil && ctx.Err() == nil {
			log.Warn("could not ready the database's connections in advance; they are readied as first used", "err", err.Error())
		}
	}()
	if f.sweep <= 0 {
		return unhunch.E(unhunch.EInvalid, message.ServeBadSweep, f.sweep)
	}
	// Exercise outcomes arriving together are saved in one transaction.
	group := st.NewGroup(store.DefaultGroupSize)
	defer group.Close()
	cfg := web.Config{Store: st, Accounts: st, Recorder: group, Catalog: c, Base: a.configBuilder, TimeScale: f.scale, Logger: log, SweepEvery: f.sweep}
	out.config(&cfg, loopback)
	srv, err := web.New(cfg)
	if err != nil {
		return err
	}
	defer srv.Close()
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return unhunch.E(unhunch.EUnavailable, message.ServeListen, f.addr, err)
		}
		return unhunch.E(unhunch.EUnavailable, message.ServeCannotBind, f.addr, err)
	}
	hs := &http.Server{
		Handler:           srv.Handler(), // cross-origin protection included
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	scheme := "http"
	if out.cert != nil {
		scheme = "https"
		hs.TLSConfig = &tls.Config{Certificates: []tls.Certificate{*out.cert}, MinVersion: tls.VersionTLS12}
	}
	fmt.Fprintln(a.env.Stdout, message.Text(message.ServeListening, scheme, ln.Addr(), st.Where()))
	if out.publicURL != nil {
		fmt.Fprintln(a.env.Stdout, message.Text(message.ServePublicAt, out.publicURL.String()))
	} else if urls := networkURLs(scheme, ln.Addr()); len(urls) > 0 {
		fmt.Fprintln(a.env.Stdout, message.Text(message.ServeNetworkAt, strings.Join(urls, " ")))
	}
	done := make(chan error, 1)
	go func() {
		if out.cert != nil {
			done <- hs.ServeTLS(ln, "", "")
			return
		}
		done <- hs.Serve(ln)
	}()
	select {
	case err := <-done:
		return unhunch.E(unhunch.EUnavailable, message.ServeListen, f.addr, err)
	case <-ctx.Done():
	}
	log.Info(message.Text(message.ServeStopping))
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shut); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return unhunch.Errorf(unhunch.EInternal, "serve: shut down: %w", err)
	}
	return nil
}

// networkURLs lists the addresses a phone on the same network can open
// when the server listens on every address (0.0.0.0 or [::]): one for each
// of this machine's non-loopback IPv4 addresses (the ones people type),
// else none.
func networkURLs(scheme string, addr net.Addr) []string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok || !tcp.IP.IsUnspecified() {
		return nil
	}
	ifs, err := net.InterfaceAddrs()
	if err != nil {
		return nil
	}
	var out []string
	for _, a := range ifs {
		n, ok := a.(*net.IPNet)
		if !ok || n.IP.IsLoopback() || n.IP.To4() == nil || n.IP.IsLinkLocalUnicast() {
			continue
		}
		out = append(out, scheme+"://"+net.JoinHostPort(n.IP.String(), strconv.Itoa(tcp.Port))+"/")
	}
	return out
}
