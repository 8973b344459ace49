package message

// Keys of passwords, sign-in limits and calendar addresses (issue 17).
const (
	PasswordBadLength Key = "password.bad_length"
	PasswordWrong     Key = "password.wrong"
	CalendarBadToken  Key = "calendar.bad_token"
)

var passwordWords = []entry{
	{PasswordBadLength, "a password needs at least %d characters (and at most %d bytes): a few words you can remember make a good one"},
	{PasswordWrong, "that name and password do not match an account: check both and try again, or sign in with a sign-in link"},
	{CalendarBadToken, "this calendar address is not valid any more: copy the new one from your account page in Settings"},
}

func init() { table(passwordWords) }

// Keys of signing in with a password, the account page and the layout.
const (
	SigninPasswordH    Key = "page.signin.password_h"
	SigninName         Key = "page.signin.name"
	SigninPassword     Key = "page.signin.password"
	SigninSubmit       Key = "page.signin.submit"
	SigninTooManyOne   Key = "page.signin.too_many_one"
	SigninTooMany      Key = "page.signin.too_many"
	SignedInAs         Key = "page.signed_in_as"
	SignOut            Key = "page.sign_out"
	WebCrossOrigin     Key = "web.cross_origin"
	AccountPageTitle   Key = "page.account.title"
	AccountPageNone    Key = "page.account.none"
	AccountPageLink    Key = "page.account.link"
	AccountWho         Key = "page.account.who"
	AccountPasswordH   Key = "page.account.password_h"
	AccountPasswordIs  Key = "page.account.password_is"
	AccountPasswordNo  Key = "page.account.password_no"
	AccountNewPass     Key = "page.account.new_password"
	AccountAgain       Key = "page.account.again"
	AccountSavePass    Key = "page.account.save_password"
	AccountCalendarH   Key = "page.account.calendar_h"
	AccountCalendarIs  Key = "page.account.calendar_is"
	AccountCalendarGo  Key = "page.account.calendar_make"
	AccountCalendarNew Key = "page.account.calendar_new"

	AccountPasswordSaved   Key = "page.account.password_saved"
	AccountPasswordsDiffer Key = "page.account.passwords_differ"
)

var signinFormWords = []entry{
	{SigninPasswordH, "Or sign in with a password"},
	{SigninName, "Name"},
	{SigninPassword, "Password"},
	{SigninSubmit, "Sign in"},
	{SigninTooManyOne, "Too many tries that did not match: wait %d minute and try again, or use a sign-in link."},
	{SigninTooMany, "Too many tries that did not match: wait %d minutes and try again, or use a sign-in link."},
	{SignedInAs, "Signed in as %s"},
	{SignOut, "Sign out"},
	{WebCrossOrigin, "this request came from another website, so it was refused to keep your account safe: do it from unhunch's own pages"},
	{AccountPageTitle, "Your account"},
	{AccountPageNone, "this server has no accounts, so there is no account page: everything here is yours"},
	{AccountPageLink, "Your account: password and calendar address"},
	{AccountWho, "You are signed in as %s (%s)."},
	{AccountPasswordH, "Password"},
	{AccountPasswordIs, "You have a password: you can sign in with your name and it where passkeys do not work. To change it, type a new one twice."},
	{AccountPasswordNo, "You have no password yet. Set one to sign in where passkeys do not work: at least 10 characters; a few words you can remember make a good one."},
	{AccountNewPass, "New password"},
	{AccountAgain, "The same again"},
	{AccountSavePass, "Save password"},
	{AccountCalendarH, "Your calendar"},
	{AccountCalendarIs, "A calendar app can show your practice times: give it your own calendar address. It opens your schedule and nothing else. It is shown once; making a new one stops the old one."},
	{AccountCalendarGo, "Make my calendar address"},
	{AccountCalendarNew, "Your calendar address (copy it into your calendar app now: it is not shown again):"},
	{AccountPasswordSaved, "Your password is saved. Any other browser signed in to your account is now signed out; this one stays signed in."},
	{AccountPasswordsDiffer, "The two passwords are not the same: type the new one twice."},
}

func init() { table(signinFormWords) }

// Keys of serving beyond loopback (issue 17).
const (
	FlagTLSCert        Key = "flag.tls_cert"
	FlagTLSKey         Key = "flag.tls_key"
	FlagTrustProxy     Key = "flag.trust_proxy"
	FlagServePublicURL Key = "flag.serve_public_url"
	ServeTLSPair       Key = "serve.tls_pair"
	ServeTLSUnreadable Key = "serve.tls_unreadable"
	ServeTLSBad        Key = "serve.tls_bad"
	ServeBadProxy      Key = "serve.bad_proxy"
	ServeBadPublicURL  Key = "serve.bad_public_url"
	ServeProxyNeedsURL Key = "serve.proxy_needs_url"
	ServeNeedAccounts  Key = "serve.need_accounts"
	ServeNeedHTTPS     Key = "serve.need_https"
	ServePublicAt      Key = "serve.public_at"
	ServeNetworkAt     Key = "serve.network_at"
)

var serveBeyondWords = []entry{
	{FlagTLSCert, "a PEM certificate (chain) file: serve HTTPS itself (with --tls-key)"},
	{FlagTLSKey, "the PEM private key file of --tls-cert"},
	{FlagTrustProxy, "the address (or CIDR range) of a reverse proxy in front: its X-Forwarded-For and X-Forwarded-Proto are believed, nobody else's"},
	{FlagServePublicURL, "the address people open, such as https://unhunch.example.org (its name is accepted as the Host; its cookies are Secure when it is https)"},
	{ServeTLSPair, "--tls-cert and --tls-key go together: give both (the certificate and its private key) or neither"},
	{ServeTLSUnreadable, "cannot read %s: %v. Check the path and that this user may read it"},
	{ServeTLSBad, "--tls-cert %s and --tls-key %s are not a certificate and its private key in PEM: %v"},
	{ServeBadProxy, "--trust-proxy %q is not an IP address or a CIDR range: give the proxy's address as it connects to unhunch, for example 127.0.0.1 or 10.0.0.0/24"},
	{ServeBadPublicURL, "--public-url %q is not an address a browser opens: give the scheme and host people use, for example https://unhunch.example.org or https://192.168.1.20:8443, with no path"},
	{ServeProxyNeedsURL, "--trust-proxy needs --public-url too: the address people open through the proxy, for example https://unhunch.example.org"},
	{ServeNeedAccounts, "--addr %s is not on this machine, and unhunch has no accounts yet, so anyone who could reach it could read and change your journal. Make an account first: unhunch users add NAME --role person (then everyone signs in). Until then it listens only on a loopback address such as 127.0.0.1:8080"},
	{ServeNeedHTTPS, "--addr %s reaches beyond this machine over plain HTTP, where passwords and sign-in cookies could be read on the way, and phones do not offer passkeys. Give it HTTPS: --tls-cert FILE --tls-key FILE, or put it behind a proxy that does HTTPS with --trust-proxy ADDR --public-url https://…"},
	{ServePublicAt, "People open it at %s."},
	{ServeNetworkAt, "On this network, open it at: %s"},
}

func init() { table(serveBeyondWords) }

// Keys of a trusted proxy range that is too wide.
const ServeProxyTooWide Key = "serve.proxy_too_wide"

var proxyRangeWords = []entry{
	{ServeProxyTooWide, "--trust-proxy %s trusts too many addresses: whatever connects from that range is believed about who is asking, so anyone there could dodge the sign-in limits; name the proxy itself (its address) or its own network, /%d or narrower"},
}

func init() { table(proxyRangeWords) }
