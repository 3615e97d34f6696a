// Package hedui holds the vocabulary of the household economic status
// verification platform (居民家庭经济状况核对): regions, organisations, users and
// roles, households and their members, applications and their lifecycle,
// declarations, authorisation letters, department answers and the record
// kinds they use, county policy versions, conclusions and the verifier's
// decisions, the audit log, and the error kinds every layer speaks.
//
// It depends only on the standard library. Storage, HTTP, crypto and the
// department exchange live in subpackages named for what they wrap; cmd/hedui
// only wires them together. Pure decisions that do not need storage — who may
// move an application from one state to the next, whether a letter covers a
// member, whether an application is complete enough to submit — live here so
// that every implementation of the store applies the same rules.
package hedui
