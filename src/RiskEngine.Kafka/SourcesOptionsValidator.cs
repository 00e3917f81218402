using Microsoft.Extensions.Options;

namespace RiskEngine.Kafka;

/// <summary>Refuses source settings a worker could not use: empty topic names, one topic given two formats, bad decoder options.</summary>
public sealed class SourcesOptionsValidator : IValidateOptions<SourcesOptions>
{
    public ValidateOptionsResult Validate(string? name, SourcesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        for (var i = 0; i < options.Topics.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.Topics[i].Topic))
            {
                failures.Add($"Sources:Topics:{i}:Topic is empty");
            }
        }

        failures.AddRange(options.Topics
            .GroupBy(source => source.Topic, StringComparer.Ordinal)
            .Where(group => group.Select(source => source.Format).Distinct().Count() > 1)
            .Select(group => $"Sources:Topics names topic {group.Key} with several formats; use Auto to detect them per message"));
        failures.AddRange(options.Envoy.Validate().Select(error => $"Sources:Envoy: {error}"));
        failures.AddRange(options.Opa.Validate().Select(error => $"Sources:Opa: {error}"));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
