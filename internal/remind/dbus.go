package remind

import (
	"context"
	"fmt"
	"time"

	"github.com/godbus/dbus/v5"
)

// The freedesktop notification service (Desktop Notifications
// Specification 1.2).
const (
	notifyName  = "org.freedesktop.Notifications"
	notifyPath  = dbus.ObjectPath("/org/freedesktop/Notifications")
	notifyIface = "org.freedesktop.Notifications"
)

// DBus sends reminders to the session's notification service.
type DBus struct {
	conn    *dbus.Conn
	obj     dbus.BusObject
	actions chan Invoked
	signals chan *dbus.Signal
	done    chan struct{}
}

// DialDBus connects to the bus at address ("" for the session bus named by
// DBUS_SESSION_BUS_ADDRESS) and checks that a notification service
// answers there; an error means there is none to use.
func DialDBus(ctx context.Context, address string) (*DBus, error) {
	var conn *dbus.Conn
	var err error
	if address == "" {
		conn, err = dbus.ConnectSessionBus(dbus.WithContext(ctx))
	} else {
		conn, err = dbus.Connect(address, dbus.WithContext(ctx))
	}
	if err != nil {
		return nil, fmt.Errorf("remind: the session bus: %w", err)
	}
	d := &DBus{conn: conn, obj: conn.Object(notifyName, notifyPath), actions: make(chan Invoked, 16),
		signals: make(chan *dbus.Signal, 16), done: make(chan struct{})}
	var name, vendor, version, spec string
	if err := d.obj.CallWithContext(ctx, notifyIface+".GetServerInformation", 0).Store(&name, &vendor, &version, &spec); err != nil {
		conn.Close()
		return nil, fmt.Errorf("remind: no notification service on the session bus: %w", err)
	}
	if err := conn.AddMatchSignalContext(ctx, dbus.WithMatchObjectPath(notifyPath), dbus.WithMatchInterface(notifyIface),
		dbus.WithMatchMember("ActionInvoked")); err != nil {
		conn.Close()
		return nil, fmt.Errorf("remind: listening for actions: %w", err)
	}
	conn.Signal(d.signals)
	go d.listen()
	return d, nil
}

// listen turns ActionInvoked signals into Invoked values.
func (d *DBus) listen() {
	defer close(d.done)
	for s := range d.signals {
		if s.Name != notifyIface+".ActionInvoked" || len(s.Body) != 2 {
			continue
		}
		id, ok1 := s.Body[0].(uint32)
		key, ok2 := s.Body[1].(string)
		if !ok1 || !ok2 {
			continue
		}
		select {
		case d.actions <- Invoked{ID: id, Action: Action(key)}:
		default: // nobody is reading: an action chosen twice in a hurry
		}
	}
}

// Notify sends the reminder with its two actions and returns its id.
func (d *DBus) Notify(ctx context.Context, n Note) (uint32, error) {
	var id uint32
	hints := map[string]dbus.Variant{
		"urgency":       dbus.MakeVariant(byte(1)), // normal
		"category":      dbus.MakeVariant("x-unhunch.reminder"),
		"desktop-entry": dbus.MakeVariant("unhunch"),
	}
	actions := []string{string(StartNow), n.Start, string(Later), n.Later}
	err := d.obj.CallWithContext(ctx, notifyIface+".Notify", 0,
		"unhunch", uint32(0), "", n.Summary, n.Body, actions, hints, int32(-1)).Store(&id)
	if err != nil {
		return 0, fmt.Errorf("remind: sending a notification: %w", err)
	}
	return id, nil
}

// Actions delivers the actions chosen on notifications.
func (d *DBus) Actions() <-chan Invoked { return d.actions }

// Close disconnects from the bus (which closes the signal channel, ending
// listen).
func (d *DBus) Close() error {
	err := d.conn.Close()
	<-d.done
	return err
}

// Idle returns how long the session has been idle: GNOME's idle monitor
// first (milliseconds), then the freedesktop screensaver's
// GetSessionIdleTime (seconds, KDE and others).
func (d *DBus) Idle(ctx context.Context) (time.Duration, error) {
	var ms uint64
	err := d.conn.Object("org.gnome.Mutter.IdleMonitor", "/org/gnome/Mutter/IdleMonitor/Core").
		CallWithContext(ctx, "org.gnome.Mutter.IdleMonitor.GetIdletime", 0).Store(&ms)
	if err == nil {
		return time.Duration(ms) * time.Millisecond, nil
	}
	var sec uint32
	err2 := d.conn.Object("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver").
		CallWithContext(ctx, "org.freedesktop.ScreenSaver.GetSessionIdleTime", 0).Store(&sec)
	if err2 == nil {
		return time.Duration(sec) * time.Second, nil
	}
	return 0, fmt.Errorf("remind: no idle time on the session bus: %v; %w", err, err2)
}
