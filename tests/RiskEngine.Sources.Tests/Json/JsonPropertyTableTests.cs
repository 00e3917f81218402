using RiskEngine.Sources.Json;

namespace RiskEngine.Sources.Tests.Json;

public class JsonPropertyTableTests
{
    private static string? _elsewhere;

    [Fact]
    public void A_declaration_must_name_a_field_of_the_struct()
    {
        var table = new JsonPropertyTable<Fields>();

        var error = Assert.Throws<ArgumentException>(() => table.Text("name", static (ref Fields _) => ref _elsewhere));

        Assert.Contains("must return a field of the Fields", error.Message, StringComparison.Ordinal);
    }

    private readonly record struct Fields(string? Name);
}
