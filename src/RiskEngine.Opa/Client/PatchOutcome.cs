namespace RiskEngine.Opa.Client;

public enum PatchOutcome
{
    /// <summary>204: every operation applied, atomically.</summary>
    Applied,

    /// <summary>
    /// 404: a removed or replaced member, or an added member's parent, does not exist, so nothing was applied.
    /// After an OPA restart the whole document is gone and every PATCH ends here.
    /// </summary>
    DocumentMissing,
}
