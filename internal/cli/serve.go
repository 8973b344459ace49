package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/logbuf"
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
	return cmd
}

// CheckLoopback returns an EInvalid error unless addr is HOST:PORT on a
// loopback address: without accounts, the journal must not be reachable
// from another machine.
func CheckLoopback(addr string) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return unhunch.E(unhunch.EInvalid, message.ServeBadAddr, addr, err)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 || strings.TrimLeft(port, "0123456789") != "" {
		return unhunch.E(unhunch.EInvalid, message.ServeBadPort, addr, port)
	}
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return unhunch.E(unhunch.EInvalid, message.ServeNotLoopback, addr)
	}
	return nil
}

// serve runs the web app until ctx ends, then lets requests under way
// finish (up to 10 s) and saves what is queued for the journal.
func (a *app) serve(ctx context.Context, f serveFlags) error {
	if f.scale <= 0 || f.scale > 1000 || f.scale != f.scale {
		return unhunch.E(unhunch.EInvalid, message.ServeBadScale, f.scale)
	}
	if err := CheckLoopback(f.addr); err != nil {
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
	// Request logs are gathered and written out five times a second: one
	// write a line cost more than the rest of serving a cached page.
	logs := logbuf.New(a.env.Stderr, 200*time.Millisecond)
	defer logs.Close()
	log := slog.New(slog.NewJSONHandler(logs, nil))
	if f.sweep <= 0 {
		return unhunch.E(unhunch.EInvalid, message.ServeBadSweep, f.sweep)
	}
	// Exercise outcomes arriving together are saved in one transaction.
	group := st.NewGroup(store.DefaultGroupSize)
	defer group.Close()
	srv, err := web.New(web.Config{Store: st, Accounts: st, Recorder: group, Catalog: c, Base: a.configBuilder, TimeScale: f.scale, Logger: log, SweepEvery: f.sweep})
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
		Handler:           http.NewCrossOriginProtection().Handler(srv.Handler()),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	fmt.Fprintln(a.env.Stdout, message.Text(message.ServeListening, ln.Addr(), st.Where()))
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
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
