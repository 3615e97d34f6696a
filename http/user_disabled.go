package http

import (
	stdhttp "net/http"

	"hedui"
)

// userSetDisabled serves POST /api/v1/users/{username}/disable and
// .../enable: one handler, two routes. A disabled user's sessions stop
// working at once because SessionActor refuses disabled users.
func (s *Server) userSetDisabled(disabled bool) actorFunc {
	return func(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
		username := r.PathValue("username")
		if disabled && username == by.Username {
			// Without this an administrator could lock everyone out.
			return hedui.Errorf("http.userDisable", hedui.KindConflict, "disable_self", "不能停用自己的账户，请由其他管理员操作")
		}
		if err := s.store.SetDisabled(r.Context(), by, username, disabled); err != nil {
			return err
		}
		w.WriteHeader(stdhttp.StatusNoContent)
		return nil
	}
}
