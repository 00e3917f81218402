namespace RiskEngine.Cli.Publishing;

/// <summary>A message to produce: its topic, key, value and timestamp (the event time).</summary>
public readonly record struct OutgoingMessage(string Topic, string Key, byte[] Value, DateTimeOffset Time);
