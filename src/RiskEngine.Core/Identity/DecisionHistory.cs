using RiskEngine.Core.Identity.Checkpoints;
using RiskEngine.Core.Policy;

namespace RiskEngine.Core.Identity;

/// <summary>
/// What the engine remembers of the policy decisions about an identity: its recent denies, and the most sensitive
/// resource it has been allowed, with how much history stands behind that. Allocated by <see cref="IdentityState"/>
/// on the identity's first decision, so identities no policy engine judges pay nothing; the window of deny times
/// is allocated at the first deny, so identities only ever allowed pay 40 bytes, not 144.
/// </summary>
public sealed class DecisionHistory
{
    private readonly long _firstDecisionTicks;
    private readonly byte _denyWindowCapacity;
    private sbyte _highestAllowed = -1;
    private FailureWindow? _denies;

    /// <param name="denyWindowCapacity">How many deny times to keep, 1 to 255.</param>
    public DecisionHistory(int denyWindowCapacity, DateTimeOffset firstDecisionAt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(denyWindowCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(denyWindowCapacity, byte.MaxValue);
        _denyWindowCapacity = (byte)denyWindowCapacity;
        _firstDecisionTicks = firstDecisionAt.UtcTicks;
    }

    public DateTimeOffset FirstDecisionAt => new(_firstDecisionTicks, TimeSpan.Zero);

    public int AllowedDecisions { get; private set; }

    /// <summary>The most sensitive resource the identity has been allowed, or null before its first allowed decision.</summary>
    public ResourceSensitivity? HighestAllowed => _highestAllowed < 0 ? null : (ResourceSensitivity)_highestAllowed;

    /// <summary>How many of the latest denies fall in [from, to]; at most the deny window's capacity.</summary>
    public int DeniesBetween(DateTimeOffset from, DateTimeOffset to) => _denies?.CountBetween(from, to) ?? 0;

    public void RecordDeny(DateTimeOffset deniedAt) => (_denies ??= new FailureWindow(_denyWindowCapacity)).Record(deniedAt);

    public void RecordAllowed(ResourceSensitivity sensitivity)
    {
        // Saturates: a busy workload's ext_authz decisions would pass int.MaxValue within weeks.
        if (AllowedDecisions < int.MaxValue)
        {
            AllowedDecisions++;
        }

        _highestAllowed = Math.Max(_highestAllowed, (sbyte)sensitivity);
    }

    internal void WriteTo(StateWriter writer)
    {
        writer.WriteInt64(_firstDecisionTicks);
        writer.WriteByte(_denyWindowCapacity);
        writer.WriteByte(unchecked((byte)_highestAllowed));
        writer.WriteCount(AllowedDecisions);
        writer.WriteBool(_denies is not null);
        _denies?.WriteTo(writer);
    }

    internal static DecisionHistory ReadFrom(ref StateReader reader)
    {
        var firstDecisionTicks = reader.ReadInt64();
        var capacity = reader.ReadByte();
        if (capacity < 1)
        {
            throw reader.Malformed("a decision history without room for a deny");
        }

        return new DecisionHistory(capacity, new DateTimeOffset(firstDecisionTicks, TimeSpan.Zero))
        {
            _highestAllowed = unchecked((sbyte)reader.ReadByte()),
            AllowedDecisions = reader.ReadCount(),
            _denies = reader.ReadBool() ? FailureWindow.ReadFrom(ref reader, capacity) : null,
        };
    }
}
