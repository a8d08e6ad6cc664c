package auth

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
)

// ErrInsecureBind is returned by CheckBind for a non-loopback address
// without keys.
var ErrInsecureBind = errors.New("refusing to serve without API keys on a non-loopback address")

// CheckBind decides whether serve may listen on addr (host:port). Without
// keys every caller is an admin, so only loopback addresses (127.0.0.0/8,
// ::1, localhost) are allowed, unless the operator passes
// --allow-insecure-bind (allowInsecure). An empty host or an unspecified
// one (0.0.0.0, ::) listens everywhere and counts as non-loopback.
func CheckBind(addr string, keysConfigured, allowInsecure bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("check bind address %q: %w", addr, err)
	}
	if keysConfigured || allowInsecure || IsLoopback(host) {
		return nil
	}
	where := host
	if where == "" {
		where = "every interface"
	}
	return fmt.Errorf("%w %s (%s): create a key with `diplograph keys create --role admin`, "+
		"listen on 127.0.0.1, or pass --allow-insecure-bind to serve everyone as admin", ErrInsecureBind, addr, where)
}

// IsLoopback reports whether host (a name or IP, without port) is only
// reachable from this machine.
func IsLoopback(host string) bool {
	h := strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	if i := strings.IndexByte(h, '%'); i >= 0 {
		h = h[:i] // zone of a link-local address; loopback has none
	}
	ip, err := netip.ParseAddr(h)
	return err == nil && ip.Unmap().IsLoopback()
}

// StartMessage is what serve logs on start about access: which mode it is
// in and, in open mode, why that is safe or that it is not.
func StartMessage(addr string, keysConfigured, allowInsecure bool) string {
	host, _, _ := net.SplitHostPort(addr)
	switch {
	case keysConfigured:
		return "API keys are required: pass Authorization: Bearer <key>"
	case IsLoopback(host):
		return "no API keys configured: open mode, every caller is an admin; listening on loopback only " +
			"(create a key with `diplograph keys create --role admin` to serve other machines)"
	case allowInsecure:
		return "WARNING: no API keys configured and --allow-insecure-bind given: anyone who can reach " + addr +
			" is an admin and can change the graph"
	}
	return "no API keys configured: refusing a non-loopback address"
}
