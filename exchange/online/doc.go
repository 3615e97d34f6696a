// Package online is the online interface channel (在线接口): the centre posts
// each query to a department's HTTPS endpoint and gets the answers back in
// the response body or, later, by a callback. Adapter implements
// exchange.Adapter; Request, Response, Signer, Verifier and ParseCallback are
// shared with the centre's callback endpoint and with the simulated
// departments of package deptsim.
//
// # Wire format
//
// The centre sends one query per request:
//
//	POST <department endpoint>/queries
//	Content-Type: application/json
//	X-Hedui-Key-Id: ed25519:centre-2025
//	X-Hedui-Timestamp: 1735689600
//	X-Hedui-Signature: <base64 signature>
//
//	{"query_id":"Q-1","department_code":"621002-police","items":["hukou","vehicle"],
//	 "subjects":[{"ref":"Q-1-1","name":"王建国","id_number":"621002196803120011"}],
//	 "due_on":"2025-01-10","callback_url":"https://centre.example/api/v1/exchange/callback/621002-police"}
//
// callback_url is present only when the centre can take callbacks. The
// department answers with a Response:
//
//	{"query_id":"Q-1","status":"answered","answers":[
//	  {"subject_ref":"Q-1-1","item":"vehicle","no_record":false,"as_of":"2025-01-02",
//	   "records":[{"kind":"car","quantity":1,"period_from":"2019-05-01","period_to":"",
//	               "fields":{"号牌号码":"甘M12345"}}]},
//	  {"subject_ref":"Q-1-1","item":"hukou","no_record":true,"as_of":"2025-01-02","records":null}]}
//
// "answered" carries the answers in the body. "accepted" means the
// department took the query and will POST the same Response document, with
// status "answered", to callback_url later, signed with its own key. The
// centre knows each department's callback keys from a key file
// (LoadCallbackKeys) and checks a callback with the keys of the
// department its URL names and no other's (ParseCallback). Records
// are hedui.Record values; no_record (查无记录) is an answer, a missing
// subject × item pair is not (未反馈). Errors (4xx, 5xx) may carry
// {"code":"...","message":"..."} (ErrorBody).
//
// # Signatures
//
// Every request and every callback is signed; a department signs its
// responses too, and the centre checks them when Config.Verifier is set.
// The signed string is four lines joined by "\n", without trailing newline:
//
//	METHOD
//	PATH            (escaped URL path, no query string)
//	TIMESTAMP       (unix seconds, as in X-Hedui-Timestamp)
//	hex(sha256(body))
//
// A response is signed over the method and path of the request it answers,
// which binds it to that request. Key ids beginning "ed25519:" name Ed25519
// keys (the signer holds the private key, the verifier the public key); any
// other key id names an HMAC-SHA256 shared secret. The verifier takes the
// algorithm from the key it has registered, never from the message, so a
// public key cannot be replayed as an HMAC secret. Signatures are standard
// base64. A timestamp more than five minutes from the verifier's clock is
// rejected; within that window a replay is harmless because query ids make
// every request and callback idempotent.
//
// # Delivery
//
// Send posts the queries concurrently (four at a time by default) and
// retries network errors, timeouts, 408, 429 and 5xx with exponential
// backoff and jitter, honouring Retry-After. Other 4xx answers, an
// unusable endpoint and a response whose signature does not verify are
// permanent: the query goes to Result.Failed with a Chinese reason, because
// trying again cannot help until someone fixes the configuration. A 2xx
// response that cannot be used (not JSON, another query id, answers about
// subjects or items the query did not ask for) counts as a failed attempt
// and is retried; when the attempts run out the query is left undelivered,
// with the reason logged, so that the dispatcher sends it again later.
// Garbage is usually transient (a proxy's error page, a half-deployed
// service), and the stable query id makes a re-send harmless.
package online
