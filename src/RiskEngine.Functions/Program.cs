using RiskEngine.Functions.Hosting;

// The Azure Functions custom handler (host.json's customHandler.description.defaultExecutablePath).
await using var app = FunctionsHost.Build();
await app.RunAsync();
