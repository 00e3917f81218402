using RiskEngine.Samples.ProtectedService;

await using WebApplication app = ProtectedServiceApp.Build(args);
await app.RunAsync();
