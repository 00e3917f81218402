using RiskEngine.Ssf.Outbox;
using RiskEngine.Ssf.Storage;
using RiskEngine.Ssf.Streams;
using RiskEngine.Storage;
using RiskEngine.Testing;

namespace RiskEngine.Ssf.Tests.Storage;

public sealed class SqliteStoreTests : StoreContractTests, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    private protected override Task<ISsfStore> CreateStoreAsync() =>
        Task.FromResult<ISsfStore>(new DapperSsfStore(new SqliteDialect(Path.Combine(_directory.Path, "ssf.db"))));

    [Fact]
    public async Task What_one_store_wrote_a_store_opened_later_on_the_same_file_still_has()
    {
        var first = await CreateStoreAsync();
        await first.EnsureSchemaAsync(CancellationToken.None);
        await first.CreateStreamAsync(
            new StreamConfiguration("s1", ["urn:r"], [], new StreamDelivery(DeliveryMethods.Poll, "https://t.example/ssf/poll/s1", null), null, StreamStatus.Enabled, null),
            CancellationToken.None);
        await first.EnqueueAsync([new OutboxEntry { StreamId = "s1", Jti = "j1", SubjectKey = "k", EventType = "e", Token = "t" }], CancellationToken.None);

        var reopened = await CreateStoreAsync();
        await reopened.EnsureSchemaAsync(CancellationToken.None);

        Assert.Equal("j1", Assert.Single(await reopened.PendingAsync("s1", includeHeld: true, 10, CancellationToken.None)).Jti);
    }

    public void Dispose() => _directory.Dispose();
}
