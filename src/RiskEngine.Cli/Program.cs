using System.CommandLine;
using RiskEngine.Cli.Commands;

var root = new RootCommand("RiskEngine: continuous risk scoring for zero-trust systems, with CAEP session revocation.")
{
    RunCommand.Create(),
    DemoCommand.Create(),
    SimulateCommand.Create(),
    MeasureCommand.Create(),
    JwksCommand.Create(),
    TrainCommand.Create(),
    EvaluateCommand.Create(),
    ReplayCommand.Create(),
    AuditCommand.Create(),
    ExplainCommand.Create(),
    ThresholdsCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
