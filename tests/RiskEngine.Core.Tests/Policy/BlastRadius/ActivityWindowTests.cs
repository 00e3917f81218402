using RiskEngine.Core.Hashing;
using RiskEngine.Core.Policy.BlastRadius;

namespace RiskEngine.Core.Tests.Policy.BlastRadius;

public sealed class ActivityWindowTests
{
    // On a whole minute, so the ten-minute window's one-minute buckets start at T0.
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly ActivityWindow _window = new(TimeSpan.FromMinutes(10));

    private static ulong Identity(int number) => XxHash64.HashUtf16(FormattableString.Invariant($"user-{number}"));

    private void AddIdentities(int from, int count, DateTimeOffset at)
    {
        for (var number = from; number < from + count; number++)
        {
            Assert.True(_window.AddIdentity(Identity(number), at));
        }
    }

    [Theory]
    [InlineData(200)]       // linear counting over 2^14 registers: standard error under 0.3%
    [InlineData(1_000)]     // 0.56%
    [InlineData(100_000)]   // past 2.5 x 2^14 = 40,960 HyperLogLog proper: 1.04 / sqrt(16384) = 0.8%
    public void Counts_distinct_identities_within_three_standard_errors_however_often_each_is_seen(int identities)
    {
        for (var repeat = 0; repeat < 3; repeat++)
        {
            AddIdentities(0, identities, T0.AddSeconds(repeat));
        }

        Assert.InRange(_window.ActiveIdentities, identities * 0.975, identities * 1.025);
    }

    [Fact]
    public void A_bucket_leaves_the_window_ten_tenths_after_it_began()
    {
        AddIdentities(0, 300, T0);
        _window.AddRevocation(T0);
        _window.AddRevocation(T0.AddSeconds(59));
        AddIdentities(300, 200, T0.AddMinutes(5));
        _window.AddRevocation(T0.AddMinutes(5));

        // 08:09:59 is in the tenth bucket: all 300 + 200 identities and 3 revocations are in the window.
        AddIdentities(300, 1, T0.AddMinutes(10).AddTicks(-1));
        Assert.InRange(_window.ActiveIdentities, 490, 510);
        Assert.Equal(3, _window.Revocations);

        // 08:10:00 begins an eleventh: the bucket of 08:00 leaves with its 300 identities and 2 revocations.
        AddIdentities(300, 1, T0.AddMinutes(10));
        Assert.InRange(_window.ActiveIdentities, 195, 205);
        Assert.Equal(1, _window.Revocations);

        // 08:15:00: the 08:05 bucket leaves too; what is left is the one identity seen at 08:10.
        AddIdentities(300, 1, T0.AddMinutes(15));
        Assert.Equal(1, _window.ActiveIdentities, 0.01);
        Assert.Equal(0, _window.Revocations);
    }

    [Fact]
    public void An_event_later_than_the_window_clears_it_and_one_before_the_window_is_left_out()
    {
        AddIdentities(0, 100, T0);
        _window.AddRevocation(T0);

        Assert.True(_window.AddRevocation(T0.AddHours(1)));
        Assert.Equal(0, _window.ActiveIdentities);
        Assert.Equal(1, _window.Revocations);

        // 09:00 is in the window's last bucket; 08:51 is its first (08:51 to 08:52); 08:50:59 is before it.
        Assert.True(_window.AddRevocation(T0.AddMinutes(51)));
        Assert.False(_window.AddRevocation(T0.AddMinutes(51).AddTicks(-1)));
        Assert.False(_window.AddIdentity(Identity(1), T0));
        Assert.Equal(2, _window.Revocations);
        Assert.Equal(0, _window.ActiveIdentities);
    }

    [Fact]
    public void Forgetting_the_revocations_keeps_the_identities()
    {
        AddIdentities(0, 500, T0);
        _window.AddRevocation(T0);

        _window.ClearRevocations();

        Assert.Equal(0, _window.Revocations);
        Assert.InRange(_window.ActiveIdentities, 490, 510);
    }
}
