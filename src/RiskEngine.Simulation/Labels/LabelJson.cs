namespace RiskEngine.Simulation.Labels;

/// <summary>Writes a label as one JSON object, the line format of <c>labels.jsonl</c>.</summary>
public static class LabelJson
{
    /// <summary>
    /// <c>{"source":"Okta","eventId":...,"identityId":...,"time":...,"kind":...,"malicious":...,"scenarioId":...,"attackStartedAt":...}</c>;
    /// <c>source</c> is spelled as the canonical event's <c>source</c>, the last two are null when they do not apply.
    /// </summary>
    public static byte[] Write(EventLabel label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return SimulationJson.WriteObject(
            json =>
            {
                json.WriteString("source", label.Source.ToString());
                json.WriteString("eventId", label.EventId);
                json.WriteString("identityId", label.IdentityId);
                json.WriteString("time", SimulationJson.FormatTime(label.Time));
                json.WriteString("kind", label.Kind);
                json.WriteBoolean("malicious", label.Malicious);
                json.WriteStringOrNull("scenarioId", label.ScenarioId);
                json.WriteStringOrNull("attackStartedAt", label.AttackStartedAt is { } started ? SimulationJson.FormatTime(started) : null);
            },
            256);
    }
}
