using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Caep.Signing;
using RiskEngine.Caep.Tests.Support;
using RiskEngine.Caep.Tokens;

namespace RiskEngine.Caep.Tests.Signing;

/// <summary>Several keys at once, rotated without downtime, by a clock the tests move.</summary>
public sealed class SigningKeyRotationTests : IDisposable
{
    private static readonly TimeSpan PublishAhead = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Retention = TimeSpan.FromHours(2);
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly TemporaryDirectory _temp = new();
    private readonly FixedTimeProvider _time = new(Start);
    private readonly ListLogger<SigningKeyProvider> _logger = new();
    private readonly Dictionary<string, string> _environment = [];
    private readonly string _rsaKid;
    private readonly string _otherKid;
    private readonly string _ecKid;

    public SigningKeyRotationTests()
    {
        using SigningKey rsa = TestKeys.Primary();
        using SigningKey other = TestKeys.Other();
        using SigningKey ec = TestKeys.Ec();
        (_rsaKid, _otherKid, _ecKid) = (rsa.Kid, other.Kid, ec.Kid);
        Directory.CreateDirectory(KeyDirectory);
    }

    private string KeyDirectory => _temp.Combine("keys");

    public void Dispose() => _temp.Dispose();

    private SigningKeyProvider Provider(string? keyFile = null, string? keyDirectory = "") => new(
        Options.Create(new SigningOptions
        {
            KeyFile = keyFile,
            KeyDirectory = keyDirectory == "" ? KeyDirectory : keyDirectory,
            PublishAhead = PublishAhead,
            Retention = Retention,
            RefreshInterval = TimeSpan.Zero,
        }),
        _logger,
        name => _environment.GetValueOrDefault(name),
        _time);

    private string AddKey(string name, string pem, DateTimeOffset? writtenAt = null)
    {
        string path = Path.Combine(KeyDirectory, name);
        File.WriteAllText(path, pem);
        File.SetLastWriteTimeUtc(path, (writtenAt ?? _time.Now).UtcDateTime);
        return path;
    }

    private static string[] Kids(SigningKeyProvider provider) => [.. provider.PublishedKeys.Select(k => k.Kid)];

    private bool Logged(string fragment) => _logger.Entries.Any(e => e.Message.Contains(fragment, StringComparison.Ordinal));

    [Fact]
    public void At_a_first_start_the_oldest_key_signs_at_once_and_the_newest_once_its_publish_ahead_passed()
    {
        AddKey("old.pem", TestKeys.PrimaryPkcs8Pem, Start.AddDays(-30));
        AddKey("new.pem", TestKeys.EcPkcs8Pem, Start.AddMinutes(-1));

        using SigningKeyProvider provider = Provider();

        Assert.Equal([_rsaKid, _ecKid], Kids(provider));
        Assert.Equal(_rsaKid, provider.Current.Kid);
        _time.Advance(PublishAhead - TimeSpan.FromSeconds(1));
        Assert.Equal(_rsaKid, provider.Current.Kid);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(_ecKid, provider.Current.Kid);
        Assert.Equal("ES256", provider.Current.Algorithm);
        Assert.True(Logged($"Signing Security Event Tokens with key {_ecKid} (ES256)"));
    }

    [Fact]
    public void A_key_added_while_running_is_published_at_once_and_signs_only_after_the_publish_ahead()
    {
        AddKey("a.pem", TestKeys.PrimaryPkcs8Pem);
        using SigningKeyProvider provider = Provider();
        _time.Advance(TimeSpan.FromHours(1));

        AddKey("b.pem", TestKeys.OtherPkcs8Pem);
        provider.Refresh();

        Assert.Equal([_rsaKid, _otherKid], Kids(provider));
        Assert.Equal(_rsaKid, provider.Current.Kid);
        // Found at 09:00, so eligible at 09:15.
        Assert.True(Logged($"Published signing key {_otherKid} (RS256) from signing key file '{Path.Combine(KeyDirectory, "b.pem")}'; it may sign from 2025-06-01T09:15:00.0000000+00:00"));
        _time.Advance(PublishAhead - TimeSpan.FromTicks(1));
        Assert.Equal(_rsaKid, provider.Current.Kid);
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(_otherKid, provider.Current.Kid);
    }

    [Fact]
    public void A_replaced_key_whose_file_is_deleted_stays_published_public_part_only_until_the_retention_since_it_last_signed()
    {
        string old = AddKey("a.pem", TestKeys.PrimaryPkcs8Pem);
        using SigningKeyProvider provider = Provider();
        AddKey("b.pem", TestKeys.OtherPkcs8Pem);
        provider.Refresh();
        _time.Advance(PublishAhead);
        Assert.Equal(_otherKid, provider.Current.Kid); // a last signed at 08:15

        _time.Advance(TimeSpan.FromMinutes(45)); // 09:00
        File.Delete(old);
        provider.Refresh();

        Assert.Equal([_rsaKid, _otherKid], Kids(provider));
        SigningKey retained = provider.PublishedKeys[0];
        Assert.ThrowsAny<Exception>(() => CreateIssuer(new TestKeyProvider(retained)).Issue(new SessionRevoked(), TestTokens.Cause()));
        Assert.True(Logged($"Signing key {_rsaKid} was removed from signing key file '{old}'; it no longer signs and stays published until 2025-06-01T10:15:00.0000000+00:00"));
        _time.Now = Start.AddMinutes(15) + Retention - TimeSpan.FromTicks(1);
        Assert.Equal([_rsaKid, _otherKid], Kids(provider));
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal([_otherKid], Kids(provider));
        Assert.True(Logged($"Retired signing key {_rsaKid}"));
    }

    [Fact]
    public void A_key_that_never_signed_leaves_the_jwks_as_soon_as_its_file_is_deleted()
    {
        AddKey("a.pem", TestKeys.PrimaryPkcs8Pem);
        using SigningKeyProvider provider = Provider();
        string unused = AddKey("b.pem", TestKeys.OtherPkcs8Pem);
        provider.Refresh();

        File.Delete(unused);
        provider.Refresh();

        Assert.Equal([_rsaKid], Kids(provider));
    }

    [Fact]
    public void Deleting_the_signing_key_before_its_successor_is_eligible_hands_over_at_once()
    {
        string current = AddKey("a.pem", TestKeys.PrimaryPkcs8Pem);
        using SigningKeyProvider provider = Provider();
        AddKey("b.pem", TestKeys.OtherPkcs8Pem);
        provider.Refresh();

        File.Delete(current);
        provider.Refresh();

        // The only key present signs; the deleted one stays published for what it signed.
        Assert.Equal(_otherKid, provider.Current.Kid);
        Assert.Equal([_rsaKid, _otherKid], Kids(provider));
    }

    [Fact]
    public void With_every_key_file_gone_the_last_key_keeps_signing_and_an_error_is_logged()
    {
        string only = AddKey("a.pem", TestKeys.PrimaryPkcs8Pem);
        using SigningKeyProvider provider = Provider();

        File.Delete(only);
        provider.Refresh();
        _time.Advance(Retention * 2);

        Assert.Equal(_rsaKid, provider.Current.Kid);
        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Error && e.Message.Contains(_rsaKid, StringComparison.Ordinal));
    }

    [Fact]
    public void A_corrupt_file_found_while_running_is_logged_and_changes_nothing()
    {
        AddKey("a.pem", TestKeys.PrimaryPkcs8Pem);
        using SigningKeyProvider provider = Provider();

        AddKey("b.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        provider.Refresh();

        Assert.Equal([_rsaKid], Kids(provider));
        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("b.pem", StringComparison.Ordinal));
    }

    [Fact]
    public void A_key_file_and_a_key_directory_are_read_together()
    {
        string keyFile = _temp.Combine("single.pem");
        File.WriteAllText(keyFile, TestKeys.PrimaryPkcs8Pem);
        File.SetLastWriteTimeUtc(keyFile, Start.AddDays(-1).UtcDateTime);
        AddKey("ec.pem", TestKeys.EcPkcs8Pem);

        using SigningKeyProvider provider = Provider(keyFile: keyFile);

        Assert.Equal([_rsaKid, _ecKid], Kids(provider));
    }

    [Fact]
    public void Several_keys_in_the_environment_variable_rotate_in_the_order_given()
    {
        _environment[SigningOptions.DefaultKeyEnvironmentVariable] = TestKeys.PrimaryPkcs8Pem + "\n" + TestKeys.EcPkcs8Pem;

        using SigningKeyProvider provider = Provider(keyDirectory: null);

        Assert.Equal([_rsaKid, _ecKid], Kids(provider));
        Assert.Equal(_rsaKid, provider.Current.Kid);
        _time.Advance(PublishAhead);
        Assert.Equal(_ecKid, provider.Current.Kid);
    }

    [Fact]
    public void An_empty_or_missing_key_directory_is_refused_at_start()
    {
        var empty = Assert.Throws<InvalidOperationException>(() => Provider());
        var missing = Assert.Throws<InvalidOperationException>(() => Provider(keyDirectory: _temp.Combine("nowhere")));

        Assert.Contains("holds no *.pem key file", empty.Message, StringComparison.Ordinal);
        Assert.Contains("nowhere", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_issuer_follows_the_rotation_and_the_header_alg_follows_the_key()
    {
        AddKey("a.pem", TestKeys.PrimaryPkcs8Pem);
        using SigningKeyProvider provider = Provider();
        SecurityEventTokenIssuer issuer = CreateIssuer(provider);
        string before = issuer.Issue(new SessionRevoked(), TestTokens.Cause()).Token;

        AddKey("b.pem", TestKeys.EcPkcs8Pem);
        provider.Refresh();
        _time.Advance(PublishAhead);
        string after = issuer.Issue(new SessionRevoked(), TestTokens.Cause()).Token;

        Assert.Equal($$"""{"alg":"RS256","typ":"secevent+jwt","kid":"{{_rsaKid}}"}""", TestTokens.Header(before).GetRawText());
        Assert.Equal($$"""{"alg":"ES256","typ":"secevent+jwt","kid":"{{_ecKid}}"}""", TestTokens.Header(after).GetRawText());
    }

    [Fact]
    public async Task The_key_directory_is_re_read_on_its_own_every_refresh_interval()
    {
        AddKey("a.pem", TestKeys.PrimaryPkcs8Pem);
        var options = new SigningOptions { KeyDirectory = KeyDirectory, RefreshInterval = TimeSpan.FromSeconds(1) };
        using var provider = new SigningKeyProvider(Options.Create(options), _logger, TimeProvider.System);

        AddKey("b.pem", TestKeys.OtherPkcs8Pem, DateTimeOffset.UtcNow);
        for (int i = 0; i < 100 && provider.PublishedKeys.Count < 2; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal([_rsaKid, _otherKid], Kids(provider));
    }

    private SecurityEventTokenIssuer CreateIssuer(ISigningKeyProvider keys) =>
        new(Options.Create(new CaepOptions()), keys, _time);
}
