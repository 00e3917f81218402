using System.Diagnostics;
using System.Text.Json;

namespace RiskEngine.Testing;

/// <summary>
/// Validates JSON instances against the published schemas in <c>schemas/</c> with an independent
/// implementation, Python's jsonschema (Draft 2020-12; Debian's python3-jsonschema, which .ci/setup
/// installs), so a schema and a decoder that agree do so by two readings of the same contract.
/// One process validates a whole batch.
/// </summary>
public static class SchemaValidator
{
    // Every published schema is preloaded by its $id, so one schema can refer to another ("$ref":
    // "entra-signin.schema.json") without a network fetch. RefResolver is what Debian's jsonschema 4.10 offers.
    private const string Script = """
        import glob, json, os, sys, warnings
        warnings.simplefilter("ignore", DeprecationWarning)
        from jsonschema import Draft202012Validator, RefResolver
        batch = json.load(sys.stdin)
        store = {}
        for path in glob.glob(os.path.join(os.path.dirname(batch[0]["schema"]), "*.json")) if batch else []:
            with open(path) as f:
                published = json.load(f)
            store[published["$id"]] = published
        out = []
        for case in batch:
            with open(case["schema"]) as f:
                schema = json.load(f)
            Draft202012Validator.check_schema(schema)
            validator = Draft202012Validator(schema, resolver=RefResolver.from_schema(schema, store=store))
            try:
                instance = json.loads(case["instance"])
            except ValueError as e:
                out.append("not JSON: " + str(e))
                continue
            errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.path))
            out.append("; ".join("/".join(str(p) for p in e.path) + ": " + e.message for e in errors) or None)
        json.dump(out, sys.stdout)
        """;

    /// <summary>The path of a published schema, as copied beside the test assembly.</summary>
    public static string SchemaPath(string fileName) => Path.Combine(AppContext.BaseDirectory, "schemas", fileName);

    /// <summary>For each instance, null when it validates against <paramref name="schemaFile"/>, otherwise the validator's errors.</summary>
    public static IReadOnlyList<string?> Validate(string schemaFile, IReadOnlyList<string> instances)
    {
        ArgumentNullException.ThrowIfNull(instances);
        var schema = SchemaPath(schemaFile);
        Assert.True(File.Exists(schema), $"schema {schema} is not published in schemas/");
        var batch = JsonSerializer.Serialize(instances.Select(instance => new Dictionary<string, string> { ["schema"] = schema, ["instance"] = instance }));
        var start = new ProcessStartInfo("/usr/bin/python3", ["-c", Script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        process.StandardInput.Write(batch);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"jsonschema failed (needs Debian's python3-jsonschema, which .ci/setup installs): {errors}");
        return JsonSerializer.Deserialize<List<string?>>(output)!;
    }

    /// <summary>Null when <paramref name="instance"/> validates against <paramref name="schemaFile"/>, otherwise the errors.</summary>
    public static string? Validate(string schemaFile, string instance) => Validate(schemaFile, [instance])[0];
}
