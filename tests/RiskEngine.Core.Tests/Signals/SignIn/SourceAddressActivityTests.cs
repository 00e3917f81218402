using RiskEngine.Core.Networks;
using RiskEngine.Core.Signals.SignIn;

namespace RiskEngine.Core.Tests.Signals.SignIn;

public sealed class SourceAddressActivityTests
{
    private static readonly DateTimeOffset T0 = SignIns.T0;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(30);

    [Fact]
    public void A_million_addresses_stay_in_the_fixed_table_and_the_recent_ones_are_kept()
    {
        var table = new SourceAddressActivity(capacity: 1024, accountsPerAddress: 4);
        for (var i = 0u; i < 1_000_000; i++)
        {
            table.Record(IpAddressParser.IPv4Mapped | i, 7, succeeded: false, T0.AddSeconds(i), Window);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        table.Record(IpAddressParser.IPv4Mapped | 2_000_000u, 7, succeeded: false, T0.AddDays(30), Window);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        // The last address recorded is there; the first, a million addresses ago, made room long since.
        Assert.True(table.TryGet(IpAddressParser.IPv4Mapped | 999_999u, T0.AddSeconds(999_999), Window, 7, out var recent));
        Assert.Equal(1, recent.Failures);
        Assert.False(table.TryGet(IpAddressParser.IPv4Mapped, T0, Window, 7, out _));
    }

    [Fact]
    public void Counts_distinct_accounts_up_to_what_it_remembers()
    {
        var table = new SourceAddressActivity(capacity: 64, accountsPerAddress: 3);
        var address = IpAddressParser.IPv4Mapped | 1;
        foreach (var account in new uint[] { 1, 2, 2, 3, 4, 5 })
        {
            table.Record(address, account, succeeded: false, T0, Window);
        }

        table.Record(address, 9, succeeded: true, T0, Window);

        Assert.True(table.TryGet(address, T0, Window, 2, out var activity));
        Assert.Equal(new AddressActivity(T0, Failures: 6, Successes: 1, DistinctAccounts: 3, AccountAmongThem: true), activity);
    }
}
