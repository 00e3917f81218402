namespace RiskEngine.Pep.Tests.Fixtures;

[CollectionDefinition(Name)]
public sealed class KafkaClusterGroup : ICollectionFixture<KafkaClusterFixture>
{
    public const string Name = "embedded kafka";
}
