using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RiskEngine.Pep.Subscription;

namespace RiskEngine.Pep.Hosting;

/// <summary>What <see cref="PepServiceCollectionExtensions.AddRiskEnginePep(IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration)"/> returns, to configure the PEP further.</summary>
public sealed class PepBuilder
{
    internal PepBuilder(IServiceCollection services)
    {
        Services = services;
        Options = services.AddOptions<PepOptions>();
    }

    public IServiceCollection Services { get; }

    public OptionsBuilder<PepOptions> Options { get; }

    public PepBuilder Configure(Action<PepOptions> configure)
    {
        Options.Configure(configure);
        return this;
    }

    /// <summary>Calls <paramref name="onApplied"/> for every verified SET once it is in force (the latency harness's hook).</summary>
    public PepBuilder OnApplied(Action<AppliedSecurityEvent> onApplied)
    {
        ArgumentNullException.ThrowIfNull(onApplied);
        Services.AddSingleton<ISecurityEventObserver>(new DelegateSecurityEventObserver(onApplied, rejected: null));
        return this;
    }

    /// <summary>Adds an observer of every SET applied and rejected.</summary>
    public PepBuilder AddObserver<TObserver>()
        where TObserver : class, ISecurityEventObserver
    {
        Services.AddSingleton<ISecurityEventObserver, TObserver>();
        return this;
    }
}
