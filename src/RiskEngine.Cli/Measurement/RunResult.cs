namespace RiskEngine.Cli.Measurement;

public sealed record RunResult(long Published, double PublishSeconds, long Scored, LatencySummary EventToSet, LatencySummary KafkaRoundTrip)
{
    public double AchievedRate => Published / PublishSeconds;
}
