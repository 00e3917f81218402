# Deny at once what RiskEngine revoked. The engine's OPA mirror (src/RiskEngine.Opa) keeps the document at
# Opa:DataPath, by default "riskengine/revoked", so data.riskengine.revoked here, as
#   {"subjects": {"<user id>":    {"revoked_at": s, "expires_at": s, "jti": "...", "reason": "..."}},
#    "sessions": {"<session id>": {"revoked_at": s, "expires_at": s, "jti": "...", "reason": "...", "subject": "..."}}}
# with times in seconds since the epoch. Import this package from the policy that decides, e.g.
#   allow if { not data.riskengine.revocation.revoked; ...your rules... }
package riskengine.revocation

import rego.v1

# Every revocation that applies to this request: the user's as a whole, and the session's.
revocations contains entry if {
	entry := data.riskengine.revoked.subjects[input.user.id]
	in_force(entry)
}

revocations contains entry if {
	entry := data.riskengine.revoked.sessions[input.session.id]
	in_force(entry)
}

revoked if count(revocations) > 0

# The mirror removes an entry when it expires; the clock check keeps the rule right should removal be late.
in_force(entry) if time.now_ns() < entry.expires_at * 1000000000

# For the deny response or the decision log: which SET revoked the request, and why.
reasons contains sprintf("revoked by RiskEngine (SET %s): %s", [entry.jti, entry.reason]) if {
	some entry in revocations
}
