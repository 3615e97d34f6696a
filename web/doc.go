// Package web serves hedui's pages: server-rendered HTML in Simplified
// Chinese for the people who use the platform at an office PC — township
// clerks registering applications, county verifiers working through their
// queue, and (later) liaisons, agencies, administrators and auditors.
//
// It sits beside the JSON API (package hedui/http) and follows the same
// rules without importing it: handlers are thin, every case read or write
// goes through one hedui.Store method with the caller's hedui.Actor, and the
// store applies the region scope and writes the audit log. One handler per
// file, named after its route.
//
// Security, in one place each:
//   - sessions: an opaque token in the cookie hedui_session (HttpOnly,
//     SameSite=Strict, Secure when configured); the store keeps only its
//     SHA-256 (session.go);
//   - login: the API's checks — same message for an unknown user and a
//     wrong password, lockout through Store.RecordLogin, the unlock time in
//     Beijing time (login_submit.go);
//   - CSRF: every form carries a token that is an HMAC of the session token
//     (or, before login, of a random pre-session cookie); every POST checks
//     it, and Go's cross-origin protection rejects cross-site requests
//     before that (csrf.go);
//   - headers: a Content-Security-Policy of default-src 'self' (no inline
//     script or style anywhere), frame-ancestors 'none', nosniff, no
//     referrer, and no-store on every page, since pages carry personal data
//     (middleware.go);
//   - personal data: lists show masked names and ID numbers; the detail page
//     shows them in full, and the store audits that view.
//
// Templates (templates/) and static files (static/) are embedded; UI strings
// live in the catalogue locale/zh-CN.json. The server holds no global state.
package web
