namespace RiskEngine.Integration.Tests.Fixtures;

[CollectionDefinition(Name)]
public sealed class SharedEngine : ICollectionFixture<EngineFixture>
{
    public const string Name = "engine";
}
