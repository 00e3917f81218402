namespace RiskEngine.Pep.Revocations;

public enum RevocationScope
{
    /// <summary>One session, by its id: refused whatever its age.</summary>
    Session,

    /// <summary>Every session of a user authenticated at or before <see cref="RevocationEntry.RevokedAt"/>.</summary>
    User,
}
