namespace RiskEngine.Pep.Tokens;

/// <summary>Why a SET did not count; the metric tag and log say which.</summary>
public enum VerificationFailure
{
    None,

    /// <summary>Not a compact JWS with JSON header and payload, or a required claim is missing or of the wrong type.</summary>
    Malformed,

    /// <summary>The header's <c>typ</c> is not <c>secevent+jwt</c>.</summary>
    WrongType,

    /// <summary>The header's <c>alg</c> is neither RS256 nor ES256, or not the algorithm of the key it names.</summary>
    UnsupportedAlgorithm,

    /// <summary>The <c>kid</c> is not in the JWKS, even after fetching it again.</summary>
    UnknownKey,

    /// <summary>The signature does not verify under the key the <c>kid</c> names: forged or altered.</summary>
    BadSignature,

    WrongIssuer,

    WrongAudience,

    /// <summary>The <c>sub_id</c> is of a format this PEP cannot enforce, or the <c>events</c> claim holds other than one event.</summary>
    UnsupportedSubject,
}
