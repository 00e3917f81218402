namespace RiskEngine.Ssf.Outbox;

/// <summary>Where an outbox SET stands. Acknowledged SETs leave the outbox.</summary>
public enum OutboxState
{
    /// <summary>Not yet acknowledged: pushed (again) or returned by the next poll.</summary>
    Pending = 0,

    /// <summary>
    /// Refused by the receiver (a push answered 400, a poll's <c>setErrs</c>) or given up on after the most attempts:
    /// kept with its error for an operator, no longer delivered, no longer holding back its subject.
    /// </summary>
    Rejected = 1,
}
