namespace RiskEngine.Caep.Tokens;

/// <summary>A signed SET in compact JWS form, with the key under which it is published to Kafka.</summary>
/// <param name="Jti">The SET's <c>jti</c>, on which receivers de-duplicate.</param>
/// <param name="Token">The compact JWS.</param>
/// <param name="SubjectKey">The identity id, used as the Kafka message key so one user's SETs stay in order.</param>
/// <param name="EventType">The single event type URI the SET carries.</param>
public sealed record IssuedSecurityEventToken(string Jti, string Token, string SubjectKey, string EventType);
