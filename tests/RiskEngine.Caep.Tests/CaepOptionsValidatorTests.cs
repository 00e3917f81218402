namespace RiskEngine.Caep.Tests;

public class CaepOptionsValidatorTests
{
    private static readonly CaepOptionsValidator Validator = new();

    [Fact]
    public void Defaults_are_valid()
    {
        var options = new CaepOptions();

        Assert.True(Validator.Validate(null, options).Succeeded);
        Assert.Equal("https://riskengine.local", options.Issuer);
        Assert.Equal(["https://pep.riskengine.local"], options.Audiences);
    }

    [Theory]
    [InlineData("riskengine")]
    [InlineData("urn:example:riskengine")]
    [InlineData("https://riskengine.example/tenant-a")]
    public void Issuer_may_be_any_string_or_an_absolute_uri(string issuer)
    {
        Assert.True(Validator.Validate(null, new CaepOptions { Issuer = issuer }).Succeeded);
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("   ", "must not be empty")]
    [InlineData(" https://riskengine.example", "whitespace")]
    [InlineData("::riskengine", "absolute URI")]
    public void Bad_issuers_fail_with_a_clear_message(string issuer, string expected)
    {
        var result = Validator.Validate(null, new CaepOptions { Issuer = issuer });

        Assert.True(result.Failed);
        Assert.Contains("CaepOptions.Issuer", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void No_audience_fails_with_a_clear_message()
    {
        var result = Validator.Validate(null, new CaepOptions { Audiences = [] });

        Assert.True(result.Failed);
        Assert.Contains("CaepOptions.Audiences must contain at least one audience", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_audience_fails_naming_its_index()
    {
        var result = Validator.Validate(null, new CaepOptions { Audiences = ["https://pep.example", ""] });

        Assert.True(result.Failed);
        Assert.Contains("CaepOptions.Audiences[1] must not be empty", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("risk_level ")]
    public void A_blank_or_padded_risk_claim_name_fails_with_a_clear_message(string claim)
    {
        var result = Validator.Validate(null, new CaepOptions { RiskClaimName = claim });

        Assert.True(result.Failed);
        Assert.Contains("CaepOptions.RiskClaimName must be a claim name", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(Validator.Validate(null, new CaepOptions { RiskClaimName = "risk_level" }).Succeeded);
    }
}
