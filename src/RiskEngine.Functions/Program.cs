using RiskEngine.Functions.Hosting;

namespace RiskEngine.Functions;

/// <summary>The Azure Functions custom handler (host.json's customHandler.description.defaultExecutablePath).</summary>
internal static class Program
{
    public static async Task Main()
    {
        await using var app = FunctionsHost.Build();
        await app.RunAsync();
    }
}
